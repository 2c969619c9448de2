import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { readsRoll, rollSettled, sharedRoll } from './checkTables';
import { GroupClaims, ruleContext, timedCheck } from './engine';
import type { RuleWorkerData, RuleWorkerMessage } from './ruleHelper';
import { RULE_BY_ID } from './registry';
import { sizePages } from '../workspace/workspace';

/**
 * Worker-thread entry of a check on two cores: runs the rule groups it claims over a read-only connection, which sees
 * the links the check committed before starting it, and posts each rule's findings back. Its last message comes after
 * the connection is closed, so that the check can remove the shared roll's file (Windows keeps open files).
 */
const data = workerData as RuleWorkerData;
if (parentPort) {
  const post = (message: RuleWorkerMessage) => data.results.postMessage(message);
  let last: RuleWorkerMessage = { type: 'done' };
  try {
    const db = new Database(data.file, { readonly: true, fileMustExist: true });
    try {
      sizePages(db);
      const roll = sharedRoll(data.roll.file, data.roll.state);
      const ctx = { ...ruleContext(db), sharedRoll: roll };
      const ruleOf = (id: string) => {
        const rule = RULE_BY_ID.get(id);
        if (!rule) throw new Error(`no rule ${id}`);
        return rule;
      };
      // While the main thread builds the roll, the groups that do not read it.
      const readers = data.groups.map((g) => readsRoll(g.flatMap((id) => ruleOf(id).tables)));
      for (const id of new GroupClaims(data.groups.length, data.claims).claimed(data.groups, (i) => !readers[i] || rollSettled(roll))) {
        post({ type: 'ran', id, ...timedCheck(ruleOf(id), ctx) });
      }
    } finally {
      db.close();
    }
  } catch (error) {
    last = { type: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
  post(last);
}
