import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { EXPORT_KINDS, type ExportKind } from '../../../src/shared/domain/exports';
import { exportText, maskIdsIn, maskNarrative } from '../../../src/main/export/masking';
import { runExport } from '../../../src/main/export/runExport';
import type { Db } from '../../../src/main/workspace/workspace';
import { checkedSampleCopy, tempDir } from '../../helpers';

/** Every cell text and every note of every sheet of a workbook. */
function allText(file: string): string[] {
  const wb = XLSX.read(fs.readFileSync(file), { type: 'buffer' });
  return wb.SheetNames.flatMap((name) => {
    const ws = wb.Sheets[name] ?? {};
    return Object.entries(ws).filter(([k]) => !k.startsWith('!')).flatMap(([, cell]) => {
      const c = cell as XLSX.CellObject;
      return [String(c.w ?? c.v ?? ''), ...(c.c ?? []).map((note) => note.t ?? '')];
    });
  });
}

describe('masked exports', () => {
  let db: Db;
  let births: string[];
  let ids: Set<string>;
  const files = new Map<ExportKind, string[]>();

  beforeAll(async () => {
    ({ db } = checkedSampleCopy());
    ids = new Set((db.prepare(`SELECT id_number FROM records WHERE id_number IS NOT NULL`).all() as { id_number: string }[]).map((r) => r.id_number));
    births = [...new Set([...ids].filter((id) => id.length === 18).map((id) => id.slice(6, 14)))];
    for (const what of Object.keys(EXPORT_KINDS) as ExportKind[]) files.set(what, (await runExport(db, { what, outDir: tempDir() })).files);
  });

  it('never reveal digits 7–14 of any ID, in any cell or note of any export', () => {
    expect(births.length).toBeGreaterThan(300);
    const birthSet = new Set(births);
    for (const [what, list] of files) {
      expect(list.length, what).toBeGreaterThan(0);
      for (const file of list) {
        // No ID in full, and no eight digits anywhere that are some person's birth date as the ID writes it.
        const leaks = allText(file).filter((t) => [...t.matchAll(/\d{14,19}[\dX]/g)].some((m) => ids.has(m[0])) ||
          [...t.matchAll(/(?=(\d{8}))/g)].some((m) => birthSet.has(m[1] ?? '')));
        expect(leaks.slice(0, 5), `${what}: ${path.basename(file)}`).toEqual([]);
        expect(path.basename(file)).not.toMatch(/\d{15}/);
      }
    }
  });

  it('still show the first 6 and last 4 digits so a clerk can tell people apart', () => {
    const [notice] = files.get('notice') ?? [];
    if (!notice) throw new Error('a notice was exported');
    expect(allText(notice).filter((t) => /^\d{6}\*{8}\d{3}[\dX]$/.test(t)).length).toBeGreaterThan(50);
  });

  it.each([
    ['530101199001011234', null, '身份证号', '530101********1234'],
    ['残疾证 53010119900101123X41', 'disability_card', '残疾证号', '残疾证 530101********123X41'],
    ['1990-01-01', 'birth_date', '出生日期', ''],
    ['35', null, '年龄', ''],
    ['王芳', 'name', '姓名', '王芳'],
  ])('%s in column %s/%s is written as %s', (text, field, header, expected) => {
    expect(exportText(text, field, header, { fullIds: false })).toBe(expected);
    expect(exportText(text, field, header, { fullIds: true })).toBe(text);
  });

  it('hides dates and ages in a message printed beside a masked ID', () => {
    expect(maskNarrative('证件号码“530101199002301234”中的出生日期 19900230 不存在，1990-02-30，35岁', { fullIds: false }))
      .toBe('证件号码“530101********1234”中的出生日期 （已隐藏） 不存在，（已隐藏），（已隐藏）');
  });

  it('masks IDs of any length a ledger wrote, always hiding digits 7–14', () => {
    expect(maskIdsIn('530101900101123')).toBe('530101********3');
    expect(maskIdsIn('53990119900301024')).toBe('539901********024');
    expect(maskIdsIn('户主 530101199001011234，')).toBe('户主 530101********1234，');
    expect(maskIdsIn('电话 13812345678')).toBe('电话 13812345678');
  });
});
