import fs from 'node:fs';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { importFile } from '../../../src/main/import/importFile';
import { openWorkspace, type Db } from '../../../src/main/workspace/workspace';
import { runCli, spawnCli } from '../../cliRunner';
import { checkedSampleCopy, snapshot, tempDir, writeFile } from '../../helpers';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function exitOf(child: ChildProcess): Promise<NodeJS.Signals | null> {
  return new Promise((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
}

/**
 * Wait until the child is inside its write transaction, then kill -9 it. A second connection that cannot take the
 * write lock (BEGIN IMMEDIATE without waiting) for several polls in a row is looking at a long transaction under
 * way, not at a one-statement write. `pollMs` must be short enough to see the transaction several times (a batch
 * correction with its re-check of the test township takes only tens of milliseconds) and long enough not to take the
 * log checkpoint right after a long commit for it.
 */
async function killWhileWriting(child: ChildProcess, dbFile: string, pollMs = 15): Promise<void> {
  const exited = exitOf(child);
  const probe = new Database(dbFile, { timeout: 0 });
  try {
    let busyPolls = 0;
    while (busyPolls < 3) {
      if (child.exitCode !== null) throw new Error('the command finished before it was caught writing');
      try {
        probe.exec('BEGIN IMMEDIATE');
        probe.exec('ROLLBACK');
        busyPolls = 0;
      } catch (error) {
        if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
        busyPolls++;
      }
      await sleep(pollMs);
    }
    child.kill('SIGKILL');
  } finally {
    probe.close();
  }
  expect(await exited).toBe('SIGKILL');
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
    const child = spawnCli(['import', dbFile, big]);
    let stdout = '';
    child.stdout?.on('data', (d: Buffer) => { stdout += d.toString(); });
    await killWhileWriting(child, dbFile);
    expect(stdout).not.toContain('共导入');
    expectSound(dbFile, before);
  });

  it('during a batch correction leaves no part of the batch behind', async () => {
    const { db, file } = checkedSampleCopy();
    const keys = (db.prepare(`SELECT key FROM issues WHERE status = 'open' AND field IS NOT NULL AND records LIKE '%"national"%'`).all() as { key: string }[]).map((k) => k.key);
    expect(keys.length).toBeGreaterThan(20);
    const before = state(db);
    db.close();

    const child = spawnCli(['correct', file, '--issues', keys.join(','), '--from', 'national', '--reason', '系统数据为准']);
    await killWhileWriting(child, file, 3);
    expectSound(file, before);
    // And the same batch, run to the end, lands whole.
    expect((await runCli(['correct', file, '--issues', keys.join(','), '--from', 'national', '--reason', '系统数据为准'])).stdout).toMatch(/已修改 [1-9]\d* 个单元格/);
  });

  it('during an export leaves no half-written file under the final name, and the next export cleans up', async () => {
    const { db, file } = checkedSampleCopy();
    const before = state(db);
    db.close();
    const out = tempDir();
    const child = spawnCli(['export', file, '--what', 'ledger', '--ledger', 'national', '--out', out, '--full-ids']);
    const exited = exitOf(child);
    while (!fs.readdirSync(out).some((f) => f.endsWith('.part') && fs.statSync(path.join(out, f)).size > 0)) {
      if (child.exitCode !== null) throw new Error('the export finished before it was caught writing');
      await sleep(10);
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(fs.readdirSync(out).filter((f) => !f.startsWith('.'))).toEqual([]);
    expectSound(file, before);

    expect((await runCli(['export', file, '--what', 'ledger', '--ledger', 'national', '--out', out, '--full-ids'])).status).toBe(0);
    const files = fs.readdirSync(out);
    expect(files).toEqual([expect.stringMatching(/\.xlsx$/)]);
    expect(XLSX.read(fs.readFileSync(path.join(out, files[0] ?? ''))).SheetNames.length).toBeGreaterThan(0);
  });
});
