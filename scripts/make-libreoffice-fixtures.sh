#!/usr/bin/env bash
# Remakes test/fixtures/libreoffice: a 10-household synthetic township's card summary (.xlsx, merged cells, two-row
# header) converted by LibreOffice to a legacy Excel 97 .xls, and its civil-affairs CSV (UTF-8) re-saved by
# LibreOffice as GBK (LibreOffice text encoding 85): once with the ID column (4) read as text, and once as a clerk
# would open it, which turns every ID into a number written back as 5.39901…E+017.
# Needs: apt-get install -y libreoffice-calc-nogui.
set -euo pipefail
cd "$(dirname "$0")/.."
out=test/fixtures/libreoffice
work=$(mktemp -d)
node scripts/build.mjs
node bin/duizhang.mjs sample "$work/src" --households 10 --seed 5 > /dev/null
cp "$work/src/青山乡户卡信息汇总.xlsx" "$out/户卡汇总.source.xlsx"
cp "$work/src/民政低保特困名单.csv" "$out/民政名单.source.csv"
soffice --headless --convert-to xls:"MS Excel 97" --outdir "$work/xls" "$out/户卡汇总.source.xlsx" > /dev/null
cp "$work/xls/户卡汇总.source.xls" "$out/户卡汇总.libreoffice.xls"
soffice --headless --infilter="CSV:44,34,76,1,4/2" --convert-to 'csv:Text - txt - csv (StarCalc):44,34,85,1' --outdir "$work/csv" "$out/民政名单.source.csv" > /dev/null
cp "$work/csv/民政名单.source.csv" "$out/民政名单.libreoffice-gbk.csv"
soffice --headless --infilter="CSV:44,34,76,1" --convert-to 'csv:Text - txt - csv (StarCalc):44,34,85,1' --outdir "$work/damaged" "$out/民政名单.source.csv" > /dev/null
cp "$work/damaged/民政名单.source.csv" "$out/民政名单.libreoffice-damaged.csv"
rm -rf "$work"
