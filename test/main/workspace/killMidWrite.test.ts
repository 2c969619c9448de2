import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ChildProcess } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { importFile } from '../../../src/main/import/importFile';
import { openWorkspace, type Db } from '../../../src/main/workspace/workspace';
import { runCli, spawnCli } from '../../cliRunner';
import { checkedSampleCopy, snapshot, tempDir, writeFile } from '../../helpers';

function exitOf(child: ChildProcess): Promise<NodeJS.Signals | null> {
  return new Promise((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
}

const PAUSE = pathToFileURL(path.resolve('test/fixtures/preload/pause.mjs')).href;

/**
 * Run a CLI command that stops before its first writing transaction commits (`commit`) or before it renames its
 * first finished file into place (`rename`), kill -9 it there, and say how much it had written (rows changed or
 * bytes) and what it had printed.
 */
async function killWhenPaused(args: readonly string[], at: 'commit' | 'rename'): Promise<{ written: number; stdout: string }> {
  const child = spawnCli(args, { nodeArgs: ['--import', PAUSE], env: { PAUSE_AT: at } });
  const exited = exitOf(child);
  let stdout = '';
  child.stdout?.on('data', (d: Buffer) => { stdout += d.toString(); });
  const written = await new Promise<number>((resolve, reject) => {
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
      const paused = /paused at \w+: (\d+)/.exec(stderr);
      if (paused) resolve(Number(paused[1]));
    });
    child.on('exit', () => reject(new Error(`the command ended without pausing: ${stderr}`)));
  });
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  return { written, stdout };
}

/** The tables a write may touch, for a before/after comparison. */
function state(db: Db): string {
  const tables = ['records', 'issues', 'correction_batches', 'corrections', 'exports'];
  return `${snapshot(db)}\n${tables.map((t) => JSON.stringify(db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all())).join('\n')}`;
}

function expectSound(dbFile: string, before: string): void {
  const db = openWorkspace(dbFile);
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(db.pragma('foreign_key_check')).toEqual([]);
  expect(state(db)).toBe(before);
  db.close();
}

describe('a process killed in the middle of a write', () => {
  it('during an import leaves the previous state intact', async () => {
    const dir = tempDir();
    const dbFile = path.join(dir, 'ws.db');
    const db = openWorkspace(dbFile, { create: true });
    importFile(db, writeFile(dir, '一村.csv', '姓名,身份证号码,与户主关系\n王芳,11010519491231002X,户主\n'));
    const before = state(db);
    db.close();

    const rows = Array.from({ length: 40_000 }, (_, i) => `成员${i},11010519491231002X,之子,${i % 7}人,一般,2018年\n`).join('');
    const big = writeFile(dir, '大村表.csv', `姓名,身份证号码,与户主关系,家庭人口数,贫困户属性,脱贫年度\n${rows}`);
    const killed = await killWhenPaused(['import', dbFile, big], 'commit');
    expect(killed.written).toBeGreaterThanOrEqual(40_000);
    expect(killed.stdout).not.toContain('共导入');
    expectSound(dbFile, before);
  });

  it('during a batch correction leaves no part of the batch behind', async () => {
    const { db, file } = checkedSampleCopy();
    const keys = (db.prepare(`SELECT key FROM issues WHERE status = 'open' AND field IS NOT NULL AND records LIKE '%"national"%'`).all() as { key: string }[]).map((k) => k.key);
    expect(keys.length).toBeGreaterThan(20);
    const before = state(db);
    db.close();

    const killed = await killWhenPaused(['correct', file, '--issues', keys.join(','), '--from', 'national', '--reason', '系统数据为准'], 'commit');
    expect(killed.written).toBeGreaterThan(keys.length);
    expect(killed.stdout).not.toContain('已修改');
    expectSound(file, before);
    // And the same batch, run to the end, lands whole.
    expect((await runCli(['correct', file, '--issues', keys.join(','), '--from', 'national', '--reason', '系统数据为准'])).stdout).toMatch(/已修改 [1-9]\d* 个单元格/);
  });

  it('during an export leaves no half-written file under the final name, and the next export cleans up', async () => {
    const { db, file } = checkedSampleCopy();
    const before = state(db);
    db.close();
    const out = tempDir();
    const killed = await killWhenPaused(['export', file, '--what', 'ledger', '--ledger', 'national', '--out', out, '--full-ids'], 'rename');
    expect(killed.written).toBeGreaterThan(0);
    expect(fs.readdirSync(out)).toEqual([expect.stringMatching(/^\..*\.part$/)]);
    expectSound(file, before);

    expect((await runCli(['export', file, '--what', 'ledger', '--ledger', 'national', '--out', out, '--full-ids'])).status).toBe(0);
    const files = fs.readdirSync(out);
    expect(files).toEqual([expect.stringMatching(/\.xlsx$/)]);
    expect(XLSX.read(fs.readFileSync(path.join(out, files[0] ?? ''))).SheetNames.length).toBeGreaterThan(0);
  });
});
