import { Worker } from 'node:worker_threads';
import type { Finding } from './types';

/** What the rule worker is given: the workspace file, the check's rule groups, and the counter both threads claim them by. */
export interface RuleWorkerData {
  file: string;
  groups: string[][];
  next: SharedArrayBuffer;
}

/** One rule's findings and how long it took. */
export interface RuleResult {
  findings: Finding[];
  ms: number;
}

export type RuleWorkerMessage =
  | ({ type: 'ran'; id: string } & RuleResult)
  | { type: 'done' }
  | { type: 'failed'; message: string };

export interface RuleHelper {
  /** Each rule's findings and time, once the worker has run them all. */
  results: Promise<Map<string, RuleResult>>;
  stop(): void;
}

/** Run the rule groups it claims on a second thread, over its own read-only connection to the workspace. */
export function startRuleHelper(script: string | URL, file: string, groups: string[][], next: SharedArrayBuffer): RuleHelper {
  const data: RuleWorkerData = { file, groups, next };
  const worker = new Worker(script, { workerData: data });
  const results = new Promise<Map<string, RuleResult>>((resolve, reject) => {
    const ran = new Map<string, RuleResult>();
    worker.on('message', (message: RuleWorkerMessage) => {
      if (message.type === 'ran') ran.set(message.id, { findings: message.findings, ms: message.ms });
      else if (message.type === 'done') resolve(ran);
      else reject(new Error(`rule worker: ${message.message}`));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`rule worker exited (${code}) before it finished`)));
  });
  // Until awaited, a failure is not unhandled: the check awaits it after its own share of the rules.
  results.catch(() => {});
  return { results, stop: () => void worker.terminate() };
}

