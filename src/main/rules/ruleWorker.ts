import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { GroupCounter, ruleContext, timedCheck } from './engine';
import type { RuleWorkerData, RuleWorkerMessage } from './ruleHelper';
import { RULE_BY_ID } from './registry';
import { sizePages } from '../workspace/workspace';

/**
 * Worker-thread entry of a check on two cores: runs the rule groups it claims over a read-only connection, which sees
 * the links the check committed before starting it, and posts each rule's findings back.
 */
const data = workerData as RuleWorkerData;
if (parentPort) {
  const post = (message: RuleWorkerMessage) => data.results.postMessage(message);
  try {
    const db = new Database(data.file, { readonly: true, fileMustExist: true });
    try {
      sizePages(db);
      const ctx = ruleContext(db);
      for (const id of new GroupCounter(data.next).claimed(data.groups)) {
        const rule = RULE_BY_ID.get(id);
        if (!rule) throw new Error(`no rule ${id}`);
        post({ type: 'ran', id, ...timedCheck(rule, ctx) });
      }
      post({ type: 'done' });
    } finally {
      db.close();
    }
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
}
