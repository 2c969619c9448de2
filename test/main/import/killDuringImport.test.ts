import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../../src/main/import/importFile';
import { openWorkspace } from '../../../src/main/workspace/workspace';
import { spawnCli } from '../../cliRunner';
import { snapshot, tempDir, writeFile } from '../../helpers';

const WAL_BYTES_MID_WRITE = 4 * 1024 * 1024;

describe('a process killed during an import', () => {
  it('leaves the previous state intact and the file sound', async () => {
    const dir = tempDir();
    const dbFile = path.join(dir, 'ws.db');
    const db = openWorkspace(dbFile, { create: true });
    importFile(db, writeFile(dir, '一村.csv', '姓名,身份证号码,与户主关系\n王芳,11010519491231002X,户主\n'));
    const before = snapshot(db);
    db.close();

    const rows = Array.from({ length: 200_000 }, (_, i) => `成员${i},11010519491231002X,之子,${i % 7}人,一般,2018年\n`).join('');
    const big = writeFile(dir, '大村表.csv', `姓名,身份证号码,与户主关系,家庭人口数,贫困户属性,脱贫年度\n${rows}`);
    const child = spawnCli(['import', dbFile, big]);
    let stdout = '';
    child.stdout?.on('data', (d: Buffer) => { stdout += d.toString(); });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    const wal = `${dbFile}-wal`;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && (!fs.existsSync(wal) || fs.statSync(wal).size < WAL_BYTES_MID_WRITE)) {
      await new Promise((r) => setTimeout(r, 5));
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(stdout).not.toContain('共导入');

    const reopened = openWorkspace(dbFile);
    expect(reopened.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(snapshot(reopened)).toBe(before);
    expect(reopened.prepare('SELECT count(*) AS n FROM records WHERE source_id NOT IN (SELECT id FROM sources)').get()).toEqual({ n: 0 });
    reopened.close();
  });
});
