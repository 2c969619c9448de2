import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { UserError } from '../../../src/main/errors';
import { commitImport } from '../../../src/main/import/commitImport';
import { fileJob } from '../../../src/main/import/importFile';
import { importInOrder, Planner } from '../../../src/main/import/planAhead';
import type { PlanOptions } from '../../../src/main/import/planImport';
import { listSources } from '../../../src/main/import/store';
import type { Db } from '../../../src/main/workspace/workspace';
import { snapshot, tempDir, tempWorkspace, writeFile } from '../../helpers';

/** The plan worker the global setup built. */
const PLAN_WORKER = pathToFileURL(path.resolve('dist/planWorker.mjs'));

interface Item { file: string; options: PlanOptions }

/** Import files in order through a planner: each outcome is the rows imported or the clerk's error message. */
async function importAll(db: Db, planner: Planner, items: Item[]): Promise<(number | string)[]> {
  try {
    return await importInOrder(planner, items, (i) => fileJob(i.file, i.options),
      async (_item, plan) => {
        try {
          return commitImport(db, await plan).rowsImported;
        } catch (error) {
          if (error instanceof UserError) return error.message;
          throw error;
        }
      });
  } finally {
    planner.close();
  }
}

const HEADERS = '成员,证照号,关系\n';

describe('a batch import read one file ahead on a second thread', () => {
  it('imports what one thread imports, and reports a bad file with the same message, naming file and row', async () => {
    const dir = tempDir();
    const items: Item[] = [
      { file: writeFile(dir, '一村.csv', '姓名,身份证号码,与户主关系\n王芳,11010519491231002X,户主\n李强,440524188001010014,配偶\n'), options: {} },
      { file: writeFile(dir, '无姓名.csv', '性别,与户主关系\n男,户主\n'), options: {} },
      { file: writeFile(dir, '二村.csv', '姓名,身份证号码,与户主关系\n张伟,110105194912310021,户主\n'), options: {} },
    ];
    const two = tempWorkspace().db;
    const one = tempWorkspace().db;
    const shared = await importAll(two, new Planner(two, PLAN_WORKER), items);
    const alone = await importAll(one, new Planner(one, null), items);
    expect(shared).toEqual(alone);
    expect(shared[0]).toBe(2);
    expect(shared[1]).toMatch(/无姓名\.csv.*没有找到姓名列或证件号码列|未找到可识别的表头/);
    const timeless = (db: Db) => snapshot(db).replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, '');
    expect(timeless(two)).toBe(timeless(one));
  });

  it('plans the file after one that saves a mapping template once that is saved, so that it uses the template', async () => {
    const { db } = tempWorkspace();
    const dir = tempDir();
    const planner = new Planner(db, PLAN_WORKER);
    const plans = vi.spyOn(planner, 'plan');
    const outcomes = await importAll(db, planner, [
      { file: writeFile(dir, 'a.csv', `${HEADERS}王芳,11010519491231002X,户主\n`), options: { kind: 'card', overrides: { 成员: '姓名', 证照号: 'id_number', 关系: '与户主关系' } } },
      { file: writeFile(dir, 'b.csv', `${HEADERS}李强,440524188001010014,户主\n`), options: {} },
    ]);
    expect(outcomes).toEqual([1, 1]);
    expect(plans).toHaveBeenCalledTimes(2);
    expect(listSources(db).map((s) => s.kind)).toEqual(['card', 'card']);
    expect(db.prepare("SELECT id_number FROM records WHERE name = '李强'").pluck().get()).toBe('440524188001010014');
  });


  it('refuses a file whose reading outgrows the reader\'s memory, naming it, and goes on with the next', async () => {
    const { db } = tempWorkspace();
    const dir = tempDir();
    const rows = Array.from({ length: 400_000 }, (_, i) => `人${i},1101051949123${String(i % 10000).padStart(4, '0')}X,户主,备注${i}\n`).join('');
    const outcomes = await importAll(db, new Planner(db, PLAN_WORKER, 48), [
      { file: writeFile(dir, '巨大.csv', `姓名,身份证号码,与户主关系,备注\n${rows}`), options: {} },
      { file: writeFile(dir, '一村.csv', '姓名,身份证号码,与户主关系\n王芳,11010519491231002X,户主\n'), options: {} },
    ]);
    expect(outcomes).toEqual([expect.stringMatching(/^文件“巨大\.csv”：读取时内存不足（上限 48 MB）/), 1]);
    expect(listSources(db).map((s) => s.fileName)).toEqual(['一村.csv']);
  });
});

