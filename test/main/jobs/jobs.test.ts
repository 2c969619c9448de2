import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JobStatus } from '../../../src/shared/api/contract';
import { createHandlers, Session } from '../../../src/main/api/handlers';
import { sharedRollFile } from '../../../src/main/rules/checkTables';
import { RULES } from '../../../src/main/rules/registry';
import { openWorkspace } from '../../../src/main/workspace/workspace';
import { checkedSampleCopy, JOB_WORKER, jobToEnd, snapshot, tempDir } from '../../helpers';

function desk(file: string) {
  const session = new Session(tempDir(), JOB_WORKER);
  session.open(file);
  return { session, handlers: createHandlers(session) };
}

/** A village table large enough that an import is still running when the test cancels it. */
function bigVillageTable(rows: number): { name: string; data: string; kind: string } {
  const lines = ['姓名,身份证号码,与户主关系,性别,家庭人口数'];
  for (let i = 0; i < rows; i++) lines.push(`村民${i},11010519491231002X,户主,女,1`);
  return { name: '大村村表.csv', data: Buffer.from(lines.join('\n')).toString('base64'), kind: 'village' };
}

describe('long work runs as a job in a worker thread', () => {
  it('a check job reports each rule as it goes and ends with the same counts the workspace holds', async () => {
    const { file } = checkedSampleCopy();
    const { session, handlers } = desk(file);
    const seen: JobStatus[] = [];
    const end = await jobToEnd(handlers, { kind: 'check' }, seen);
    expect(end).toMatchObject({ kind: 'check', state: 'done', error: null });
    expect(seen.some((s) => s.state === 'running' && s.total === RULES.length)).toBe(true);
    const open = (session.workspace().prepare("SELECT count(*) AS n FROM issues WHERE status = 'open'").get() as { n: number }).n;
    expect(end.checked?.open).toBe(open);
    session.close();
  });

  it('while a job runs, reads go on, changes are refused in Chinese, and a second job waits its turn', async () => {
    const { file } = checkedSampleCopy();
    const { session, handlers } = desk(file);
    const started = await handlers['jobs:start']({ kind: 'check' });
    expect((await handlers['issues:list']({ offset: 0, limit: 10 })).rows.length).toBeGreaterThan(0);
    expect(() => handlers['settings:set']({ key: 'operator', value: '乙' })).toThrow(/正在检查.*请等待完成或取消后再操作/);
    await expect(handlers['jobs:start']({ kind: 'check' })).rejects.toThrow(/正在检查/);
    let status = started;
    while (status.state === 'running') status = await new Promise((resolve) => setTimeout(() => resolve(handlers['jobs:status']({ id: started.id })), 20));
    expect(status.state).toBe('done');
    expect(() => handlers['settings:set']({ key: 'operator', value: '乙' })).not.toThrow();
    session.close();
  });

  it('cancelling an import mid-file rolls that file back: the workspace is as it was, intact, and writable', async () => {
    const { file } = checkedSampleCopy();
    const opened = openWorkspace(file);
    const before = snapshot(opened);
    opened.close();
    const { session, handlers } = desk(file);
    let status = await handlers['jobs:start']({ kind: 'import', files: [bigVillageTable(100_000)], backup: false });
    while (status.state === 'running' && !(status.total > 0 && status.label.includes('写入'))) {
      status = await new Promise((resolve) => setTimeout(() => resolve(handlers['jobs:status']({ id: status.id })), 20));
    }
    expect(status.state).toBe('running');
    expect((await handlers['jobs:cancel']({ id: status.id })).state).toBe('cancelled');
    session.close();
    const db = openWorkspace(file);
    expect(snapshot(db)).toBe(before);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    const again = desk(file);
    expect(() => again.handlers['settings:set']({ key: 'operator', value: '丙' })).not.toThrow();
    again.session.close();
  });

  it('a cancelled check leaves no scratch copy of the roll beside the workspace', async () => {
    const { file } = checkedSampleCopy();
    const { session, handlers } = desk(file);
    const status = await handlers['jobs:start']({ kind: 'check' });
    // What a county check stopped while it held its shared roll leaves behind.
    fs.writeFileSync(sharedRollFile(file), 'roll');
    expect((await handlers['jobs:cancel']({ id: status.id })).state).toBe('cancelled');
    expect(fs.existsSync(sharedRollFile(file))).toBe(false);
    session.close();
  });

  it('a job that fails says why in Chinese', async () => {
    const { file } = checkedSampleCopy();
    const { session, handlers } = desk(path.resolve(file));
    const end = await jobToEnd(handlers, { kind: 'export', what: 'ledger', ledger: 'no-such-ledger' });
    expect(end.state).toBe('failed');
    expect(end.error?.message).toMatch(/[\u4e00-\u9fa5]/);
    session.close();
  });
});
