import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers, Session, type Handlers } from '../../../src/main/api/handlers';
import { dispatch } from '../../../src/main/server/server';
import { backupDir, KEEP_BACKUPS, listBackups, restoreBackup, takeBackup } from '../../../src/main/workspace/backups';
import { loadSettings, saveSetting } from '../../../src/main/settings/settings';
import { openWorkspace } from '../../../src/main/workspace/workspace';
import { runCli } from '../../cliRunner';
import { JOB_WORKER, jobToEnd, tempDir, writeFile } from '../../helpers';

const csv = (names: string[]): string => `姓名,身份证号码,与户主关系\n${names.map((n, i) => `${n},11010519491231002X,${i === 0 ? '户主' : '之子'}`).join('\n')}\n`;

/** Overwrite pages 3–5 (table roots, in the order the schema made them), as a failing disk would. */
function damage(file: string): void {
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, Buffer.alloc(3 * 4096, 0xa5), 0, 3 * 4096, 2 * 4096);
  fs.closeSync(fd);
}

function countRecords(file: string): number {
  const db = openWorkspace(file);
  const { n } = db.prepare('SELECT count(*) AS n FROM records').get() as { n: number };
  db.close();
  return n;
}

/** A new, empty workspace, closed. */
function newWorkspace(dir: string): string {
  const file = path.join(dir, '青山乡.db');
  const db = openWorkspace(file, { create: true });
  db.close();
  return file;
}

describe('automatic backups and restore', () => {
  it('an import backs the workspace up first; a damaged workspace is refused on open and restored from the CLI', async () => {
    const dir = tempDir();
    const ws = newWorkspace(dir);
    const first = writeFile(dir, '一村村表.csv', csv(Array.from({ length: 400 }, (_, i) => `甲${i}`)));
    const second = writeFile(tempDir(), '一村村表.csv', csv(['乙一', '乙二']));
    expect((await runCli(['import', ws, first, '--kind', 'village'])).stdout).not.toContain('导入前已备份');
    const again = await runCli(['import', ws, second, '--kind', 'village']);
    expect(again.stdout).toMatch(/导入前已备份工作区：.*导入前\.db/);
    expect(countRecords(ws)).toBe(2);

    damage(ws);
    expect(() => openWorkspace(ws)).toThrow(/已损坏或不是对账工作区.*duizhang restore/);
    const refused = await runCli(['check', ws]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/^错误：工作区文件“.*”已损坏/);

    const listed = await runCli(['restore', ws]);
    expect(listed.stdout).toMatch(/1\. \d{4}-\d\d-\d\d \d\d:\d\d:\d\d {2}导入前/);
    const restored = await runCli(['restore', ws, '--backup', '1']);
    expect(restored.status).toBe(0);
    expect(restored.stdout).toMatch(/恢复前的工作区已另存为/);
    expect(countRecords(ws)).toBe(400);
    expect(listBackups(ws).map((b) => b.reason).sort()).toEqual(['导入前', '恢复前']);
    expect((await runCli(['restore', ws, '--backup', '9'])).stderr).toMatch(/没有备份“9”/);
  });

  it('keeps the newest backups only, and never restores a damaged one', async () => {
    const dir = tempDir();
    const ws = newWorkspace(dir);
    const db = openWorkspace(ws);
    for (let i = 0; i < KEEP_BACKUPS + 2; i++) await takeBackup(db, '导入前');
    db.close();
    const backups = listBackups(ws);
    expect(backups).toHaveLength(KEEP_BACKUPS);
    expect(fs.readdirSync(backupDir(ws)).filter((f) => f.endsWith('.part'))).toEqual([]);
    const [newest] = backups;
    if (!newest) throw new Error('a backup');
    damage(newest.file);
    fs.truncateSync(newest.file, 3000);
    const before = fs.readFileSync(ws);
    expect(() => restoreBackup(ws, newest.file)).toThrow(/备份“.*”(本身已损坏|无法读取)/);
    expect(fs.readFileSync(ws)).toEqual(before);
    expect(() => restoreBackup(ws, path.join(dir, 'other.db'))).toThrow(/不是工作区“青山乡\.db”的备份/);
  });

  it('a restore keeps the workspace it replaces, with changes still in its log, and can itself be undone', async () => {
    const dir = tempDir();
    const ws = newWorkspace(dir);
    const db = openWorkspace(ws);
    const before = await takeBackup(db, '导入前');
    db.pragma('wal_autocheckpoint = 0');
    saveSetting(db, 'operator', '甲');
    // A copy taken while the change is only in the log: the files a crash leaves behind.
    const crashed = path.join(tempDir(), '青山乡.db');
    fs.copyFileSync(ws, crashed);
    fs.copyFileSync(`${ws}-wal`, `${crashed}-wal`);
    db.close();
    fs.mkdirSync(backupDir(crashed));
    fs.copyFileSync(before.file, path.join(backupDir(crashed), before.name));

    const { kept } = restoreBackup(crashed, path.join(backupDir(crashed), before.name));
    const restored = openWorkspace(crashed);
    expect(loadSettings(restored).operator).toBe('');
    restored.close();
    restoreBackup(crashed, kept ?? '');
    const undone = openWorkspace(crashed);
    expect(loadSettings(undone).operator).toBe('甲');
    undone.close();
    expect(fs.readdirSync(path.dirname(crashed)).filter((f) => f.includes('.part'))).toEqual([]);
  });

  it('the desk lists the backups of a damaged workspace and restores one, then opens it', async () => {
    const dir = tempDir();
    const ws = newWorkspace(dir);
    const session = new Session(tempDir(), JOB_WORKER);
    const handlers = createHandlers(session);
    session.open(ws);
    const file = (names: string[]) => ({ name: '二村村表.csv', data: Buffer.from(csv(names)).toString('base64'), kind: 'village' });
    await jobToEnd(handlers, { kind: 'import', files: [file(['丙一', '丙二'])] });
    expect(listBackups(ws)).toEqual([]);
    // The later files of one batch, sent one by one, are covered by the backup the first one took.
    await jobToEnd(handlers, { kind: 'import', files: [file(['丙一', '丙二', '丙三'])], backup: false });
    expect(listBackups(ws)).toEqual([]);
    await jobToEnd(handlers, { kind: 'import', files: [file(['丁一'])] });
    session.close();
    damage(ws);

    expect(() => handlers['workspace:open']({ path: ws })).toThrow(/已损坏/);
    const { backups } = await handlers['backups:list']({ path: ws });
    expect(backups).toEqual([expect.objectContaining({ reason: '导入前' })]);
    const info = await handlers['backups:restore']({ path: ws, backup: backups[0]?.name ?? '' });
    expect(info).toMatchObject({ path: ws, records: 3 });
    expect(() => handlers['backups:restore']({ path: ws, backup: 'nope.db' })).toThrow(/没有备份/);
    session.close();
  });

  it('damage SQLite finds in the middle of a call is reported as damage found on open is, naming the workspace', async () => {
    const damaged = Object.assign(new Error('database disk image is malformed'), { code: 'SQLITE_CORRUPT' });
    const handlers = { 'workspace:info': () => { throw damaged; } } as unknown as Handlers;
    expect(await dispatch(handlers, 'workspace:info', {}, () => '/乡镇/青山乡.db')).toEqual({
      ok: false, error: { code: 'WORKSPACE_CORRUPT', message: expect.stringMatching(/^工作区文件“\/乡镇\/青山乡\.db”已损坏.*duizhang restore “\/乡镇\/青山乡\.db”/) },
    });
  });
});

