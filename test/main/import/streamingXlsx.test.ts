import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { commitImport } from '../../../src/main/import/commitImport';
import { streamedRows } from '../../../src/main/import/streamingXlsx';
import { planImport } from '../../../src/main/import/planImport';
import { readWithSheetJs, readWorkbook } from '../../../src/main/import/readWorkbook';
import { gridRows, type SheetGrid } from '../../../src/main/import/sheetGrid';
import type { Db } from '../../../src/main/workspace/workspace';
import { sampleDir, snapshot, tempDir, tempWorkspace, writeFile } from '../../helpers';
import { throughLibreOffice } from '../../libreoffice';

/** Rows that hold a cell, in a form both readers give: SheetJS's grid has empty rows where the file has none. */
function heldRows(rows: Iterable<{ index: number; cells: string[]; merged: number[]; imprecise: number[] }>) {
  return [...rows].filter((r) => r.cells.length > 0)
    .map((r) => ({ index: r.index, cells: r.cells, merged: [...r.merged].sort((a, b) => a - b), imprecise: [...r.imprecise].sort((a, b) => a - b) }));
}

/** Every sheet of a file read by SheetJS and by the streaming reader (made to stream every sheet): they must agree. */
function expectSameReading(bytes: Uint8Array, name: string): SheetGrid[] {
  const whole = readWithSheetJs(bytes, name);
  const streaming = readWorkbook(bytes, name, 0);
  expect(whole.source).toBeNull();
  expect(streaming.source).toBe(bytes);
  expect(streaming.sheets.map((s) => s.name)).toEqual(whole.sheets.map((s) => s.name));
  const rowsOf = streamedRows(bytes, name);
  streaming.sheets.forEach((grid, i) => {
    const held = whole.sheets[i] as SheetGrid;
    expect(grid.merges, `${name} ${grid.name}`).toEqual(held.merges);
    const streamed = grid.streamed ? heldRows(rowsOf(grid)) : heldRows(gridRows(grid));
    expect(streamed, `${name} ${grid.name}`).toEqual(heldRows(gridRows(held)));
    // The plan's head rows are the held grid's first rows, with their merged cells marked the same.
    expect(heldRows(gridRows(grid)), `${name} ${grid.name} head`).toEqual(heldRows(gridRows(held, 0, grid.rows.length)));
  });
  return streaming.sheets;
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A workbook written by hand with what other writers emit and a naive reader trips on. */
function handWritten({ date1904 = false, extraRows = '', level = 6 as 0 | 6, chineseDates = false } = {}): Uint8Array {
  const xml = (body: string) => strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${body}`);
  const strings = [
    '<x:si><x:t>姓名</x:t></x:si>',
    '<x:si><x:r><x:t>证件</x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t xml:space="preserve">号码 </x:t></x:r><x:rPh sb="0" eb="2"><x:t>zhengjian</x:t></x:rPh></x:si>',
    '<x:si><x:t>出生日期</x:t></x:si>',
    '<x:si><x:t>备注</x:t></x:si>',
    '<x:si><x:t>张三</x:t></x:si>',
    '<x:si><x:t>李&amp;四 &lt;户主&gt;</x:t></x:si>',
    '<x:si><x:t>第一行_x000D_第二行 _x005F_x0041_</x:t></x:si>',
  ];
  const sheet = `<x:worksheet xmlns:x="${MAIN}" xmlns:r="${REL}"><x:dimension ref="A1:E9"/><x:sheetData>
    <x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>青山乡新华村 户卡</x:t></x:is></x:c></x:row>
    <x:row r="2"><x:c r="A2" t="s"><x:v>0</x:v></x:c><x:c r="B2" t="s"><x:v>1</x:v></x:c><x:c r="C2" t="s"><x:v>2</x:v></x:c><x:c r="D2" t="s"><x:v>3</x:v></x:c></x:row>
    <x:row r="3"><x:c r="A3" t="s"><x:v>4</x:v></x:c><x:c r="B3"><x:v>530102199001011234</x:v></x:c><x:c r="C3" s="1"><x:v>32874</x:v></x:c><x:c r="D3" t="s"><x:v>6</x:v></x:c><x:c r="E3" s="1"/></x:row>
    <x:row r="5"><x:c t="s"><x:v>5</x:v></x:c><x:c t="str"><x:f>B3&amp;""</x:f><x:v>530102199001011235</x:v></x:c><x:c s="2"><x:v>45658.75</x:v></x:c><x:c><x:f>1+1</x:f><x:v>2</x:v></x:c><x:c t="b"><x:v>1</x:v></x:c></x:row>
    <x:row r="7"><x:c r="A7" t="inlineStr"><x:is><x:t><![CDATA[王<五>]]></x:t></x:is></x:c><x:c r="B7" t="e"><x:v>#DIV/0!</x:v></x:c><x:c r="C7"><x:v>-3.5E-2</x:v></x:c><x:c r="E7"><x:f>E5</x:f></x:c></x:row>
    <x:row r="8" spans="1:5"/>
    <x:row r="9"><x:c r="A9" t="inlineStr"><x:is><x:t>合计</x:t></x:is></x:c><x:c r="B9" t="n"><x:v>3</x:v></x:c></x:row>
    ${extraRows}</x:sheetData><x:mergeCells count="2"><x:mergeCell ref="A1:D1"/><x:mergeCell ref="D5:D8"/></x:mergeCells></x:worksheet>`;
  return zipSync({
    '[Content_Types].xml': xml(`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`),
    '_rels/.rels': xml(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    'xl/_rels/workbook.xml.rels': xml(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/worksheet" Target="/xl/worksheets/sheet2.xml"/><Relationship Id="rId3" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId4" Type="${REL}/styles" Target="styles.xml"/></Relationships>`),
    'xl/workbook.xml': xml(`<x:workbook xmlns:x="${MAIN}" xmlns:r="${REL}">${date1904 ? '<x:workbookPr date1904="1"/>' : ''}<x:sheets><x:sheet name="一村" sheetId="1" r:id="rId1"/><x:sheet name="说明" sheetId="2" r:id="rId2"/></x:sheets></x:workbook>`),
    'xl/styles.xml': xml(`<x:styleSheet xmlns:x="${MAIN}"><x:numFmts count="1"><x:numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></x:numFmts><x:cellStyleXfs count="1"><x:xf numFmtId="14"/></x:cellStyleXfs><x:cellXfs><x:xf numFmtId="0"/><x:xf numFmtId="14"/><x:xf numFmtId="176"/>${chineseDates ? '<x:xf numFmtId="31"/><x:xf numFmtId="32"/>' : ''}</x:cellXfs></x:styleSheet>`),
    'xl/sharedStrings.xml': xml(`<x:sst xmlns:x="${MAIN}" count="${strings.length}" uniqueCount="${strings.length}">${strings.join('')}</x:sst>`),
    'xl/worksheets/sheet1.xml': xml(sheet),
    'xl/worksheets/sheet2.xml': xml(`<x:worksheet xmlns:x="${MAIN}"><x:sheetData/></x:worksheet>`),
  }, { level });
}

/** A roll ledger of `households` households, 户编号 and 户主 merged down each household's rows, under a two-row title. */
async function rollLedger(households: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('新华村');
  ws.addRow(['青山乡新华村户卡汇总表']);
  ws.mergeCells('A1:G1');
  ws.addRow(['户编号', '户主', '姓名', '证件号码', '与户主关系', '出生日期', '家庭人数']);
  for (let h = 0; h < households; h++) {
    const first = ws.rowCount + 1;
    for (let m = 0; m < 3; m++) {
      const row = ws.addRow([`53990100010${String(h).padStart(5, '0')}`, `户主${h}`, m === 0 ? `户主${h}` : `成员${h}-${m}`,
        `5399011980${String((h % 12) + 1).padStart(2, '0')}1${String(m).padStart(1, '0')}${String(h % 1000).padStart(3, '0')}X`, m === 0 ? '户主' : '之子',
        new Date(Date.UTC(1980 + m, h % 12, 1 + (h % 28))), 3]);
      row.getCell(6).numFmt = 'yyyy-mm-dd';
    }
    ws.mergeCells(first, 1, first + 2, 1);
    ws.mergeCells(first, 2, first + 2, 2);
  }
  ws.addRow(['合计', '', '', '', '', '', households * 3]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const stored = (db: Db) => db.prepare(`SELECT sheet, row_number, raw, id_status, household_no, head_name, name, id_number, relation, birth_date,
  household_size, village FROM records ORDER BY id`).all();
const sourceOf = (db: Db) => db.prepare('SELECT kind, file_name, sha256, format, sheets, columns, row_count, skipped FROM sources').all() as Record<string, unknown>[];

describe('the streaming reader for sheets too large for SheetJS', () => {
  it('reads a hand-written workbook as SheetJS does: prefixes, rich and inline strings, escapes, dates, merges, gaps', () => {
    const [sheet, notes] = expectSameReading(handWritten(), '户卡.xlsx');
    expect(notes?.rows).toEqual([]);
    const rows = sheet?.rows ?? [];
    expect(rows[1]).toEqual(['姓名', '证件号码 ', '出生日期', '备注']);
    expect(rows[2]).toEqual(['张三', '530102199001011260', '1990-01-01', '第一行\r第二行 _x0041_']);
    expect(rows[4]).toEqual(['李&四 <户主>', '530102199001011235', '2025-01-01', '2', 'TRUE']);
    expect(rows[5]?.[3]).toBe('2');
    expect(rows[6]).toEqual(['王<五>', '#DIV/0!', '-0.035', '2']);
    expect(sheet?.imprecise.has('2:1')).toBe(true);
  });

  it('refuses a sheet with rows past Excel\'s last row, before reading it', () => {
    const bytes = handWritten({ extraRows: '<x:row r="1048577"><x:c r="A1048577"><x:v>1</x:v></x:c></x:row>' });
    expect(() => readWorkbook(bytes, '户卡.xlsx', 0)).toThrow(/户卡\.xlsx.*一村.*1048577 行，超过 Excel 的上限 1048576 行/);
  });

  it('reads a workbook whose parts are stored without compression', () => {
    const [sheet] = expectSameReading(handWritten({ level: 0 }), '户卡.xlsx');
    expect(sheet?.rows[1]).toEqual(['姓名', '证件号码 ', '出生日期', '备注']);
  });

  it('reads dates in the formats Chinese Excel numbers without writing them (SheetJS reads them as serial numbers)', () => {
    const bytes = handWritten({ chineseDates: true, extraRows: '<x:row r="10"><x:c r="A10" s="3"><x:v>32874</x:v></x:c><x:c r="B10" s="4"><x:v>0.5</x:v></x:c></x:row>' });
    expect(readWithSheetJs(bytes, '户卡.xlsx').sheets[0]?.rows[9]).toEqual(['32874', '0.5']);
    const read = readWorkbook(bytes, '户卡.xlsx');
    // Format 31 is 1990年1月1日; format 32 is a time of day, which stays a number.
    expect(read.sheets[0]?.rows[9]).toEqual(['1990-01-01', '0.5']);
    expect(read.sheets[0]?.streamed).toBeNull();
    expect(readWorkbook(handWritten(), '户卡.xlsx').source).toBeNull();
  });

  it('counts dates from 1904 in a workbook that says so, in both readers', () => {
    const [sheet] = expectSameReading(handWritten({ date1904: true }), '户卡.xlsx');
    expect(sheet?.rows[2]?.[2]).toBe('1994-01-02');
  });

  it('reads the sample township, a LibreOffice-written file and an ExcelJS-written one as SheetJS does', async () => {
    const files = fs.readdirSync(sampleDir()).filter((f) => f.endsWith('.xlsx'));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) expectSameReading(fs.readFileSync(path.join(sampleDir(), f)), f);
    const source = path.resolve('test/fixtures/libreoffice/户卡汇总.source.xlsx');
    expectSameReading(fs.readFileSync(source), path.basename(source));
    const saved = throughLibreOffice(source, 'xlsx');
    expectSameReading(fs.readFileSync(saved), path.basename(saved));
    expectSameReading(await rollLedger(60), '户卡.xlsx');
  });

  it('imports a streamed sheet exactly as a held one: every row past the plan\'s first rows, merges, a re-import', async () => {
    const bytes = await rollLedger(80);
    const file = writeFile(tempDir(), '户卡汇总.xlsx', bytes);
    const imports = (streamAbove: number) => {
      const { db } = tempWorkspace();
      const plan = planImport(db, bytes, file, {}, streamAbove);
      const report = commitImport(db, plan);
      const again = commitImport(db, planImport(db, bytes, file, {}, streamAbove));
      return { plan, report, again, records: stored(db), source: sourceOf(db) };
    };
    const held = imports(Infinity);
    const streamed = imports(0);
    expect(streamed.plan.sheets[0]?.grid.streamed).not.toBeNull();
    expect(streamed.plan.sheets[0]?.grid.rows.length).toBeLessThan(243);
    expect(held.plan.sheets[0]?.grid.streamed).toBeNull();
    expect(streamed.report.rowsImported).toBe(240);
    expect(streamed.records).toEqual(held.records);
    expect(streamed.source.map((s) => ({ ...s, sha256: '' }))).toEqual(held.source.map((s) => ({ ...s, sha256: '' })));
    expect(streamed.again.replaced).toEqual(held.again.replaced);
    expect(streamed.again.replaced).toMatchObject({ added: 0, removed: 0, changed: 0 });
    expect({ ...streamed.report, sourceId: 0 }).toEqual({ ...held.report, sourceId: 0 });
  });

  it('damage past the plan\'s first rows fails the import with the file, sheet and row, and writes nothing', () => {
    const wb = XLSX.utils.book_new();
    const rows = Array.from({ length: 15_000 }, (_, i) => [`成员${i}`, `5399011980010${String(i).padStart(5, '0')}`, '之子']);
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['姓名', '证件号码', '与户主关系'], ...rows]), '新华村');
    const parts = unzipSync(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const xml = new TextDecoder().decode(parts['xl/worksheets/sheet1.xml']);
    const at = xml.indexOf('<row r="14000"');
    expect(at).toBeGreaterThan(1 << 19);
    parts['xl/worksheets/sheet1.xml'] = strToU8(`${xml.slice(0, at)}<row r="14000"><c r="A14000"><v>1</v></row>${xml.slice(at)}`);
    const bytes = zipSync(parts);
    const { db } = tempWorkspace();
    const before = snapshot(db);
    const plan = planImport(db, bytes, '户卡汇总.xlsx', {}, 0);
    // The file, sheet and row come first, as every clerk's error (UserError) puts them.
    expect(() => commitImport(db, plan)).toThrow(/^文件“户卡汇总\.xlsx”，工作表“新华村”，第 14000 行：文件已损坏/);
    expect(snapshot(db)).toBe(before);
  });
});
