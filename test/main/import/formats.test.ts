import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { analyzeId, checkCharacter } from '../../../src/shared/domain/idNumber';
import { decodeText } from '../../../src/main/import/decodeText';
import { importFile } from '../../../src/main/import/importFile';
import { sniffFormat } from '../../../src/main/import/sniff';
import { tempDir, tempWorkspace, writeFile } from '../../helpers';

const CSV = '姓名,身份证号码\n王芳,11010519491231002X\n';

describe('text decoding', () => {
  it.each([
    ['UTF-8 (BOM)', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV)])],
    ['UTF-8', Buffer.from(CSV)],
    ['UTF-16LE', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CSV, 'utf16le')])],
    ['GB18030', Buffer.from([0xd0, 0xd5, 0xc3, 0xfb])],
  ])('%s', (encoding, bytes) => {
    const decoded = decodeText(bytes);
    expect(decoded.encoding).toBe(encoding);
    if (encoding === 'GB18030') expect(decoded.text).toBe('姓名');
    else expect(decoded.text).toBe(CSV);
  });
});

describe('format sniffing ignores the extension', () => {
  it.each([
    [[0x50, 0x4b, 0x03, 0x04, 0, 0], 'a.xls', 'xlsx'],
    [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 'a.xlsx', 'xls'],
    [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 'a.et', 'xls'],
    [[...Buffer.from('<html><table><tr><td>1</td></tr></table>')], 'a.xls', 'html'],
    [[...Buffer.from(CSV)], 'a.xlsx', 'csv'],
  ])('%j named %s is %s', (bytes, name, format) => expect(sniffFormat(Uint8Array.from(bytes), name)).toBe(format));

  it('imports a system export that is really an HTML table named .xls', () => {
    const { db } = tempWorkspace();
    const html = '<html><body><table><tr><td>姓名</td><td>身份证号码</td></tr><tr><td>王芳</td><td>11010519491231002X</td></tr></table></body></html>';
    const report = importFile(db, writeFile(tempDir(), '系统导出.xls', html));
    expect(report.format).toMatch(/网页表格/);
    expect(db.prepare('SELECT name, id_number, id_status FROM records').get()).toEqual({ name: '王芳', id_number: '11010519491231002X', id_status: 'ok' });
  });

  it('imports a UTF-16 CSV', () => {
    const { db } = tempWorkspace();
    importFile(db, writeFile(tempDir(), 'u16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CSV, 'utf16le')])));
    expect(db.prepare('SELECT name FROM records').get()).toEqual({ name: '王芳' });
  });
});

describe('IDs stored as numbers', () => {
  it('an 18-digit number cell is Excel-damaged even when the digits left happen to pass the checksum', () => {
    // An ID whose last three digits Excel zeroed and whose check character is by chance 0, so the text alone looks valid.
    const lucky = Array.from({ length: 100 }, (_, i) => `53990119480228${String(i).padStart(2, '0')}0`).find((p) => checkCharacter(p) === '0');
    if (!lucky) throw new Error('no such prefix');
    const damaged = Number(`${lucky}0`);
    expect(analyzeId(String(damaged)).status).toBe('ok');
    const ws = XLSX.utils.aoa_to_sheet([['姓名', '身份证号码'], ['史华婷', damaged], ['王芳', '11010519491231002X']]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, '户卡');
    const { db } = tempWorkspace();
    importFile(db, writeFile(tempDir(), '户卡.xlsx', XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer), { kind: 'card' });
    expect(db.prepare('SELECT name, id_number, id_status FROM records ORDER BY id').all()).toEqual([
      { name: '史华婷', id_number: String(damaged), id_status: 'excel_damaged' },
      { name: '王芳', id_number: '11010519491231002X', id_status: 'ok' },
    ]);
  });
});
