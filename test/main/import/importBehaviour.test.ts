import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportProgress } from '../../../src/main/import/commitImport';
import { importFile } from '../../../src/main/import/importFile';
import { listSources } from '../../../src/main/import/store';
import { tempDir, tempWorkspace, writeFile } from '../../helpers';

const HEADER = '姓名,身份证号码,与户主关系,家庭人口数\n';
const ROWS = {
  a: '王芳,11010519491231002X,户主,3\n',
  b: '李强,440524188001010014,配偶,3\n',
  c: '张三,110101199003077897,之子,3\n',
};

describe('re-importing a ledger', () => {
  it('replaces the earlier import of the same ledger and reports added, removed and changed', () => {
    const { db } = tempWorkspace();
    const first = importFile(db, writeFile(tempDir(), '村表.csv', HEADER + ROWS.a + ROWS.b), { kind: 'village' });
    expect(first.replaced).toBeNull();
    const changedB = ROWS.b.replace('配偶', '户主');
    const second = importFile(db, writeFile(tempDir(), '村表.csv', HEADER + changedB + ROWS.c), { kind: 'village' });
    expect(second.replaced).toEqual({ sourceId: first.sourceId, added: 1, removed: 1, changed: 1 });
    expect(listSources(db)).toHaveLength(1);
    expect(db.prepare('SELECT count(*) AS n FROM records').get()).toEqual({ n: 2 });
  });

  it('keeps ledgers of other kinds or other file names side by side', () => {
    const { db } = tempWorkspace();
    const dir = tempDir();
    importFile(db, writeFile(dir, '一村.csv', HEADER + ROWS.a), { kind: 'village' });
    importFile(db, writeFile(dir, '二村.csv', HEADER + ROWS.b), { kind: 'village' });
    importFile(db, writeFile(dir, '户卡.csv', HEADER + ROWS.a), { kind: 'card' });
    expect(listSources(db).map((s) => [s.kind, s.fileName])).toEqual([['village', '一村.csv'], ['village', '二村.csv'], ['card', '户卡.csv']]);
  });
});

describe('mapping templates', () => {
  it('a corrected mapping is saved and applied to the next file with the same headers', () => {
    const { db } = tempWorkspace();
    const headers = '成员,证照号,关系\n';
    const corrected = importFile(db, writeFile(tempDir(), 'a.csv', `${headers}王芳,11010519491231002X,户主\n`), {
      kind: 'card', overrides: { 成员: '姓名', 证照号: 'id_number', 关系: '与户主关系' },
    });
    expect(corrected.sheets[0]?.columns.map((c) => c.field)).toEqual(['name', 'id_number', 'relation']);
    const next = importFile(db, writeFile(tempDir(), 'b.csv', `${headers}李强,440524188001010014,户主\n`));
    expect(next.kind).toBe('card');
    expect(next.sheets[0]?.columns.map((c) => c.field)).toEqual(['name', 'id_number', 'relation']);
    expect(db.prepare("SELECT name, id_number FROM records WHERE name = '李强'").get()).toEqual({ name: '李强', id_number: '440524188001010014' });
  });

  it('without a template, headers it does not know make the import fail with a hint to map them', () => {
    const { db } = tempWorkspace();
    expect(() => importFile(db, writeFile(tempDir(), 'c.csv', '成员,证照号,关系\n王芳,11010519491231002X,户主\n'))).toThrow(/未找到可识别的表头/);
  });

  it('a column can be unmapped by letter', () => {
    const { db } = tempWorkspace();
    const report = importFile(db, writeFile(tempDir(), 'd.csv', HEADER + ROWS.a), { overrides: { D: null } });
    expect(report.sheets[0]?.columns.map((c) => c.field)).toEqual(['name', 'id_number', 'relation', null]);
  });
});

describe('progress', () => {
  it('reports rows done out of the total, ending at the total', () => {
    const { db } = tempWorkspace();
    const rows = Array.from({ length: 5000 }, (_, i) => `人${i},,户主,1\n`).join('');
    const events: ImportProgress[] = [];
    const report = importFile(db, writeFile(tempDir(), 'p.csv', HEADER + rows), {}, (p) => events.push(p));
    expect(events.length).toBeGreaterThan(1);
    expect(events.at(-1)).toMatchObject({ done: report.rowsImported, total: report.rowsImported, file: 'p.csv' });
    for (let i = 1; i < events.length; i++) expect(events[i]?.done).toBeGreaterThan(events[i - 1]?.done ?? 0);
  });

  it('counts the rows it skips as read, so that a sheet of mostly skipped rows moves the bar too', () => {
    const { db } = tempWorkspace();
    const rows = Array.from({ length: 4000 }, (_, i) => (i % 8 === 0 ? `人${i},,户主,1\n` : ',,户主,1\n')).join('');
    const events: ImportProgress[] = [];
    const report = importFile(db, writeFile(tempDir(), 'q.csv', HEADER + rows), {}, (p) => events.push(p));
    expect(report.rowsImported).toBe(500);
    expect(report.skipped).toHaveLength(3500);
    expect(events.map((e) => e.done)).toEqual([2000, 4000, 4000]);
    expect(events.at(-1)).toMatchObject({ done: 4000, total: 4000 });
  });
});

describe('file naming', () => {
  it('records the original file name, not the path', () => {
    const { db } = tempWorkspace();
    const file = writeFile(tempDir(), '医保.csv', HEADER + ROWS.a);
    expect(importFile(db, file).fileName).toBe(path.basename(file));
  });
});
