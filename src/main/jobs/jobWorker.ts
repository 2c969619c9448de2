import { parentPort, workerData } from 'node:worker_threads';
import type { JobRequest } from '../../shared/api/contract';
import { failureOf } from '../api/failure';
import { builtWorker } from './builtWorker';
import { JOB_MESSAGES } from './messages';
import { openWorkspace } from '../workspace/workspace';
import { runJob, type JobEvent, type JobResult } from './runJob';

/** Worker-thread entry: one job on its own connection to the workspace, reporting to the JobRunner that started it. */

export interface JobData {
  workspace: string;
  exportDir: string;
  request: JobRequest;
}

export type WorkerMessage =
  | { type: 'event'; event: JobEvent }
  | { type: 'result'; result: JobResult }
  | { type: 'failed'; error: { code: string; message: string } };

const port = parentPort;
const data = workerData as JobData;
if (port) {
  const post = (message: WorkerMessage) => port.postMessage(message);
  try {
    const db = openWorkspace(data.workspace);
    try {
      const emit = (event: JobEvent) => post({ type: 'event', event });
      post({ type: 'result', result: await runJob(db, data.exportDir, data.request, emit, {
        rules: builtWorker(import.meta.url, 'ruleWorker'), plans: builtWorker(import.meta.url, 'planWorker'),
      }) });
    } finally {
      db.close();
    }
  } catch (error) {
    post({ type: 'failed', error: failureOf(error, JOB_MESSAGES.context(data.request.kind), data.workspace) });
  }
}
