import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { failureOf } from '../../../src/main/api/failure';
import { runCheck } from '../../../src/main/rules/engine';
import { listIssues } from '../../../src/main/rules/issueStore';
import { checkedSampleCopy } from '../../helpers';

/** The error SQLite raises when a file cannot grow: a database limited to a few pages stands in for a full disk. */
function sqliteFullError(): unknown {
  const db = new Database(':memory:');
  db.pragma('max_page_count = 2');
  try {
    db.exec("CREATE TABLE t (x); INSERT INTO t SELECT zeroblob(100000)");
  } catch (error) {
    return error;
  } finally {
    db.close();
  }
  throw new Error('the database grew past its limit');
}

describe('what the clerk is told when a call or a job fails', () => {
  it('says the disk is full, in Chinese, whether SQLite or the file system ran out of space', () => {
    const enospc = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    for (const error of [sqliteFullError(), enospc]) {
      const failure = failureOf(error, 'test');
      expect(failure.code).toBe('DISK_FULL');
      expect(failure.message).toMatch(/^磁盘空间不足，操作没有完成/);
    }
  });

  it('leaves the issue list as it was when a check runs out of room for its working tables', () => {
    const { db } = checkedSampleCopy();
    const before = listIssues(db);
    db.prepare("UPDATE records SET helper_name = NULL WHERE household_key = (SELECT min(household_key) FROM records)").run();
    // The link's and the rules' working tables live in the connection's temporary database: limited to one page, the
    // first one cannot be built.
    db.pragma('temp.max_page_count = 1');
    let failure: unknown = null;
    try {
      runCheck(db);
    } catch (error) {
      failure = error;
    }
    expect(failureOf(failure, 'test').code).toBe('DISK_FULL');
    expect(db.inTransaction).toBe(false);
    expect(listIssues(db)).toEqual(before);
  });

  it('keeps anything else an internal error, logged for the technician', () => {
    const log = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(failureOf(new Error('boom'), 'test').code).toBe('INTERNAL');
      // Whatever was thrown, even nothing.
      expect([failureOf(undefined, 'test').code, failureOf(null, 'test').code, failureOf('boom', 'test').code]).toEqual(['INTERNAL', 'INTERNAL', 'INTERNAL']);
      expect(String(log.mock.calls[0]?.[0])).toMatch(/内部错误（test）：Error: boom/);
    } finally {
      log.mockRestore();
    }
  });
});
