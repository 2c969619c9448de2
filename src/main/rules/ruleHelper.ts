import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { Finding } from './types';

/**
 * What the rule worker is given: the workspace file, the check's rule groups (the longest first) and the claims both
 * threads make (GroupClaims), the roll the main thread builds for both (SharedRoll), and the port it posts its results to.
 */
export interface RuleWorkerData {
  file: string;
  groups: string[][];
  claims: SharedArrayBuffer;
  roll: { file: string; state: SharedArrayBuffer };
  results: MessagePort;
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
  /**
   * The rules the worker has finished since the last call, without waiting: the check saves their findings between
   * rules of its own, rather than all of them after the last rule.
   */
  take(): Map<string, RuleResult>;
  /** The rules not yet taken, once the worker has run them all. */
  rest(): Promise<Map<string, RuleResult>>;
  stop(): void;
}

/** Run the rule groups it claims on a second thread, over its own read-only connection to the workspace. */
export function startRuleHelper(script: string | URL, work: Omit<RuleWorkerData, 'results'>): RuleHelper {
  const { port1: inbox, port2: results } = new MessageChannel();
  const data: RuleWorkerData = { ...work, results };
  const worker = new Worker(script, { workerData: data, transferList: [results] });
  let pending = new Map<string, RuleResult>();
  let done = false;
  let failure: Error | null = null;
  const handle = (message: RuleWorkerMessage) => {
    if (message.type === 'ran') pending.set(message.id, { findings: message.findings, ms: message.ms });
    else if (message.type === 'done') done = true;
    else failure ??= new Error(`rule worker: ${message.message}`);
  };
  const receive = () => {
    for (let m = receiveMessageOnPort(inbox); m; m = receiveMessageOnPort(inbox)) handle(m.message as RuleWorkerMessage);
  };
  const take = () => {
    receive();
    const taken = pending;
    pending = new Map();
    return taken;
  };
  let wake = () => {};
  worker.on('error', (error) => {
    failure ??= error;
    wake();
  });
  worker.on('exit', (code) => {
    // What it posted before it exited may not have been delivered yet.
    receive();
    if (!done) failure ??= new Error(`rule worker exited (${code}) before it finished`);
    wake();
  });
  const rest = () => new Promise<Map<string, RuleResult>>((resolve, reject) => {
    wake = () => {
      receive();
      if (failure) reject(failure);
      else if (done) resolve(take());
    };
    inbox.on('message', (message: RuleWorkerMessage) => {
      handle(message);
      wake();
    });
    wake();
  });
  return {
    take,
    rest,
    stop: () => {
      inbox.close();
      void worker.terminate();
    },
  };
}
