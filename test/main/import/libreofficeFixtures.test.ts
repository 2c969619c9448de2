import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LedgerKindId } from '../../../src/shared/domain/ledgerKinds';
import { importFile } from '../../../src/main/import/importFile';
import { tempWorkspace } from '../../helpers';

const DIR = path.resolve('test/fixtures/libreoffice');

/** The canonical values a file imports to, without provenance (row numbers may differ between tools). */
function canonical(file: string, kind: LedgerKindId) {
  const { db } = tempWorkspace();
  const report = importFile(db, path.join(DIR, file), { kind });
  const rows = db
    .prepare('SELECT id_status, name, id_number, sex, birth_date, relation, head_name, household_size, poverty_attr, exit_year, helper_name, assist_type, assist_count, village FROM records ORDER BY id')
    .all();
  return { report, rows };
}

describe('files written by real tools (LibreOffice), committed as fixtures', () => {
  it('a legacy Excel 97 .xls with merged household cells and a two-row header imports like its .xlsx source', () => {
    const source = canonical('户卡汇总.source.xlsx', 'card');
    const xls = canonical('户卡汇总.libreoffice.xls', 'card');
    expect(fs.readFileSync(path.join(DIR, '户卡汇总.libreoffice.xls')).subarray(0, 4)).toEqual(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]));
    expect(xls.report.format).toMatch(/OLE2/);
    expect(xls.report.sheets[0]?.headerRows).toEqual([3, 4]);
    expect(xls.rows.length).toBeGreaterThan(20);
    expect(xls.rows).toEqual(source.rows);
  });

  it('a GBK CSV saved by LibreOffice imports like its UTF-8 source', () => {
    const bytes = fs.readFileSync(path.join(DIR, '民政名单.libreoffice-gbk.csv'));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const source = canonical('民政名单.source.csv', 'civil');
    const gbk = canonical('民政名单.libreoffice-gbk.csv', 'civil');
    expect(gbk.report.encoding).toBe('GB18030');
    expect(gbk.rows.length).toBeGreaterThan(0);
    expect(gbk.rows).toEqual(source.rows);
  });

  it('IDs a real spreadsheet program turned into numbers are kept as read and marked damaged, never repaired', () => {
    const source = canonical('民政名单.source.csv', 'civil');
    const damaged = canonical('民政名单.libreoffice-damaged.csv', 'civil');
    expect(damaged.rows).toHaveLength(source.rows.length);
    damaged.rows.forEach((row, i) => {
      const original = String((source.rows[i] as { id_number: string }).id_number);
      // An ID ending in X is not a number, so the program left it as text.
      if (original.endsWith('X')) {
        expect(row).toEqual(source.rows[i]);
        return;
      }
      expect(row).toMatchObject({ id_status: 'excel_damaged', name: (source.rows[i] as { name: string }).name });
      const written = String((row as { id_number: string }).id_number);
      expect(written).toMatch(/^5\.\d+E\+017$/);
      expect(written.replace('.', '').slice(0, 14)).toBe(original.slice(0, 14));
    });
  });
});
