import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../../src/main/errors';
import { importFile } from '../../../src/main/import/importFile';
import { sheetGrids } from '../../../src/main/import/readWorkbook';
import { MAX_CELL_CHARS } from '../../../src/main/import/sheetGrid';
import type { Db } from '../../../src/main/workspace/workspace';
import { groundTruth, sampleDir, snapshot, tempDir, tempWorkspace, writeFile } from '../../helpers';

const HEADER = '姓名,身份证号码,与户主关系\n';
const GOOD_ROW = '王芳,11010519491231002X,户主\n';

function xlsxBytes(rows: unknown[][], merges: XLSX.Range[] = []): Buffer {
  const ws = XLSX.utils.aoa_to_sheet(rows);
  ws['!merges'] = merges;
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, '一村');
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}

describe('bad input gives a Chinese message naming the place and leaves the workspace as it was', () => {
  let db: Db;
  let dir: string;
  let before: string;

  beforeAll(() => {
    db = tempWorkspace().db;
    dir = tempDir();
    const truth = groundTruth();
    const civil = truth.files.find((f) => f.kind === 'civil');
    importFile(db, path.join(sampleDir(), civil?.file ?? ''));
    before = snapshot(db);
  });

  function expectRefused(file: string, message: RegExp): UserError {
    let caught: unknown;
    try {
      importFile(db, file);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(UserError);
    const err = caught as UserError;
    expect(err.message).toMatch(message);
    expect(err.message).toContain(path.basename(file));
    expect(err.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(snapshot(db)).toBe(before);
    return err;
  }

  it('an empty file', () => {
    expectRefused(writeFile(dir, '空.xlsx', ''), /空的/);
  });

  it('a file that is not a spreadsheet (a PNG named .xls)', () => {
    expectRefused(writeFile(dir, '图片.xls', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])), /不是电子表格/);
  });

  it('an encrypted workbook', () => {
    const cfb = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(cfb, '/EncryptionInfo', Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0]));
    XLSX.CFB.utils.cfb_add(cfb, '/EncryptedPackage', Buffer.alloc(512, 7));
    expectRefused(writeFile(dir, '加密.xlsx', XLSX.CFB.write(cfb, { type: 'buffer' }) as Buffer), /加密/);
  });

  it('a truncated ZIP', () => {
    const bytes = xlsxBytes([['姓名', '身份证号码'], ['王芳', '11010519491231002X']]);
    expectRefused(writeFile(dir, '截断.xlsx', bytes.subarray(0, Math.floor(bytes.length / 2))), /损坏/);
  });

  it('a sheet with no recognisable header', () => {
    expectRefused(writeFile(dir, '无表头.csv', 'a,b,c\n1,2,3\n'), /未找到可识别的表头/);
  });

  it('a header without any name or ID column names the sheet and row', () => {
    const err = expectRefused(writeFile(dir, '无姓名.xlsx', xlsxBytes([['标题'], ['性别', '与户主关系', '家庭人口数'], ['男', '户主', '3']])), /没有找到姓名列或证件号码列/);
    expect(err.message).toContain('工作表“一村”');
    expect(err.message).toContain('第 2 行');
  });

  it('more rows than Excel allows', () => {
    const file = path.join(dir, '超长.csv');
    fs.writeFileSync(file, HEADER + GOOD_ROW.repeat(1_100_000));
    expectRefused(file, /超过 Excel 的上限/);
  });

  it('a sheet SheetJS lists but cannot return (its XML is longer than a string can be) names the file and sheet', () => {
    // What SheetJS hands back for a county-size sheet whose XML passes V8's string limit: the name without the sheet.
    const unread: XLSX.WorkBook = { SheetNames: ['一村', '二村'], Sheets: { 一村: XLSX.utils.aoa_to_sheet([['姓名']]) } };
    expect(() => sheetGrids(unread, '全县导出.xlsx')).toThrow(/文件“全县导出\.xlsx”.*工作表“二村”.*表格过大.*拆分/);
  });

  it('an unknown ledger kind or field in the user mapping', () => {
    const file = writeFile(dir, '映射.csv', HEADER + GOOD_ROW);
    expect(() => importFile(db, file, { overrides: { 姓名: '不存在的字段' } })).toThrow(/不认识的字段/);
    expect(snapshot(db)).toBe(before);
  });
});

describe('awkward but importable input', () => {
  it('a 10 MB cell skips its row with a warning naming row and column', () => {
    const { db } = tempWorkspace();
    const file = writeFile(tempDir(), '大单元格.csv', `${HEADER}${GOOD_ROW}李四,${'9'.repeat(10 * 1024 * 1024)},配偶\n`);
    const report = importFile(db, file);
    expect(report.rowsImported).toBe(1);
    expect(report.skipped).toEqual([{ sheet: 'Sheet1', row: 3, column: 'B', reason: `单元格超过 ${MAX_CELL_CHARS} 个字符` }]);
  });

  it('__proto__ and constructor as headers and values are plain text', () => {
    const { db } = tempWorkspace();
    const file = writeFile(tempDir(), 'proto.csv', '姓名,身份证号码,__proto__,constructor,与户主关系\n王芳,11010519491231002X,x,y,__proto__\n');
    const report = importFile(db, file);
    expect(report.rowsImported).toBe(1);
    const row = db.prepare('SELECT relation, raw FROM records').get() as { relation: string; raw: string };
    expect(row.relation).toBe('__proto__');
    expect(JSON.parse(row.raw)).toEqual(['王芳', '11010519491231002X', 'x', 'y', '__proto__']);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('duplicate headers keep the first column and warn about the second', () => {
    const { db } = tempWorkspace();
    const file = writeFile(tempDir(), '重复.csv', '姓名,身份证号码,姓名\n王芳,11010519491231002X,王芬\n');
    const report = importFile(db, file);
    expect(report.warnings[0]).toMatch(/C 列“姓名”与前面的列重复/);
    expect(db.prepare('SELECT name FROM records').get()).toEqual({ name: '王芳' });
  });

  it('IDs with apostrophes, spaces, line breaks, full-width digits and lower-case x are one ID', () => {
    const { db } = tempWorkspace();
    const ids = ["'11010519491231002X", ' 110105 19491231 002x', '110105194912\n31002X', '１１０１０５１９４９１２３１００２Ｘ'];
    const csv = `姓名,身份证号码\n${ids.map((id, i) => `人${i},"${id}"`).join('\n')}\n`;
    importFile(db, writeFile(tempDir(), 'ids.csv', csv));
    const rows = db.prepare('SELECT id_number, id_status FROM records').all();
    expect(rows).toEqual(ids.map(() => ({ id_number: '11010519491231002X', id_status: 'ok' })));
  });
});
