import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startRuleHelper } from '../../../src/main/rules/ruleHelper';
import { tempDir } from '../../helpers';

/** A stand-in rule worker that posts these messages to the check and ends. */
function fakeWorker(messages: object[]): string {
  const file = path.join(tempDir(), 'worker.mjs');
  fs.writeFileSync(file, `import { workerData } from 'node:worker_threads';\n` +
    `for (const m of ${JSON.stringify(messages)}) workerData.results.postMessage(m);\n`);
  return file;
}

const ran = (id: string, ms: number) => ({ type: 'ran', id, findings: [], ms });

/** What a check gives its worker, for a stand-in that reads none of it. */
const work = { file: 'unused.db', groups: [], claims: new SharedArrayBuffer(4), roll: { file: 'unused.db-check', state: new SharedArrayBuffer(4) } };

async function firstTaken(take: () => Map<string, unknown>): Promise<string[]> {
  for (;;) {
    const taken = take();
    if (taken.size > 0) return [...taken.keys()];
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('the rule helper', () => {
  it('hands over what the worker has finished without waiting, and the rest once it is done, each rule once', async () => {
    const helper = startRuleHelper(fakeWorker([ran('a', 1), ran('b', 2), { type: 'done' }]), work);
    try {
      const early = await firstTaken(() => helper.take());
      const rest = await helper.rest();
      expect([...early, ...rest.keys()].sort()).toEqual(['a', 'b']);
      expect(helper.take().size).toBe(0);
    } finally {
      helper.stop();
    }
  });

  it('fails the check when the worker ends without finishing, after handing over what it posted', async () => {
    const helper = startRuleHelper(fakeWorker([ran('a', 1)]), work);
    try {
      await expect(helper.rest()).rejects.toThrow(/rule worker exited \(0\) before it finished/);
      expect([...helper.take().keys()]).toEqual(['a']);
    } finally {
      helper.stop();
    }
  });

  it('fails the check with the reason the worker gives', async () => {
    const helper = startRuleHelper(fakeWorker([ran('a', 1), { type: 'failed', message: '磁盘已满' }]), work);
    try {
      await expect(helper.rest()).rejects.toThrow('rule worker: 磁盘已满');
    } finally {
      helper.stop();
    }
  });
});
