import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { STYLE, XlsxStreamWriter } from '../../../src/main/export/xlsxStream';
import { tempDir } from '../../helpers';

/** Cell text as written → as read back: what a ledger may hold survives, what XML cannot hold is dropped. */
const TEXTS: [written: string, read: string][] = [
  ['张三', '张三'],
  ['A&B <c> "d"', 'A&B <c> "d"'],
  ['  前后空格  ', '  前后空格  '],
  ['第一行\n第二行', '第一行\n第二行'],
  ['_x0041_ stays literal', '_x0041_ stays literal'],
  ['=SUM(A1:A9)', '=SUM(A1:A9)'],
  ['bell\u0007 and nul\u0000', 'bell and nul'],
  ['52250119900101123X', '52250119900101123X'],
  ['😀 表情', '😀 表情'],
];

async function writeAndRead(cells: (string | number)[]): Promise<XLSX.WorkBook> {
  const file = path.join(tempDir(), 'out.xlsx');
  const wb = new XlsxStreamWriter(file, { creator: '对账', title: '测试' });
  const ws = wb.addSheet('名单&备注', { frozenRows: 1, columnWidths: [10, 20] });
  await ws.row(1, ['值'], STYLE.header);
  for (const [i, value] of cells.entries()) await ws.row(i + 2, [value], typeof value === 'string' ? STYLE.text : STYLE.plain);
  await wb.close();
  return XLSX.read(fs.readFileSync(file), { type: 'buffer' });
}

describe('the streaming xlsx writer', () => {
  it.each(TEXTS)('writes %j as text that reads back as %j', async (written, read) => {
    const wb = await writeAndRead([written]);
    const cell = wb.Sheets['名单&备注']?.A2;
    expect(cell?.t).toBe('s');
    expect(cell?.v).toBe(read);
    expect(cell?.f).toBeUndefined();
  });

  it('writes numbers as numbers and an empty string as a styled empty cell', async () => {
    const wb = await writeAndRead([3, 1234.5, '']);
    const ws = wb.Sheets['名单&备注'];
    expect([ws?.A2?.v, ws?.A3?.v]).toEqual([3, 1234.5]);
    expect(ws?.A4?.v).toBeUndefined();
    expect(wb.Props?.Title).toBe('测试');
  });

  it('places cells by column, skipping gaps, and refuses cells or rows out of order', async () => {
    const file = path.join(tempDir(), 'order.xlsx');
    const wb = new XlsxStreamWriter(file, { creator: '对账', title: '测试' });
    const ws = wb.addSheet('表', { frozenRows: 0, columnWidths: [] });
    ws.beginRow(2);
    ws.cell(0, 'A', STYLE.none);
    ws.cell(2, 'C', STYLE.none);
    ws.note('备注');
    expect(() => ws.cell(1, 'B', STYLE.none)).toThrow(/column 1 after column 2/);
    await ws.endRow();
    expect(() => ws.beginRow(2)).toThrow(/row 2 after row 2/);
    await wb.close();
    const read = XLSX.read(fs.readFileSync(file), { type: 'buffer' }).Sheets['表'];
    expect([read?.A2?.v, read?.B2, read?.C2?.v]).toEqual(['A', undefined, 'C']);
    expect(read?.C2?.c?.[0]?.t).toBe('备注');
  });

  it('fails, rather than waits for ever, when the file cannot be written', async () => {
    const wb = new XlsxStreamWriter(path.join(tempDir(), 'no-such-dir', 'out.xlsx'), { creator: '对账', title: '测试' });
    const ws = wb.addSheet('表', { frozenRows: 0, columnWidths: [] });
    const big = 'x'.repeat(10_000);
    await expect((async () => {
      for (let r = 1; r <= 2000; r++) await ws.row(r, [big], STYLE.none);
      await wb.close();
    })()).rejects.toThrow(/ENOENT/);
    await wb.abort();
  });
});
