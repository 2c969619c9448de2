import { describe, expect, it, vi } from 'vitest';
import type * as Engine from '../../../src/main/rules/engine';
import { runCli } from '../../cliRunner';
import { checkedSampleCopy } from '../../helpers';

// A check that runs out of disk space, as SQLite reports it: the engine is replaced for this file alone.
vi.mock('../../../src/main/rules/engine', async (original) => ({
  ...await original<typeof Engine>(),
  runCheckInParallel: () => Promise.reject(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' })),
}));

describe('duizhang on a full disk', () => {
  it('says so in Chinese, without a stack trace, and exits as on an internal failure', async () => {
    const { db, file } = checkedSampleCopy();
    db.close();
    const r = await runCli(['check', file]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^错误：磁盘空间不足，操作没有完成/);
    expect(r.stderr).not.toMatch(/at |SQLITE_FULL/);
  });
});
