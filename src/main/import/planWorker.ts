import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { UserError } from '../errors';
import type { PlanJob, PlanWorkerData, PlanWorkerMessage } from './planAhead';
import { planImport } from './planImport';

/**
 * Worker-thread entry of a batch import: plans each file it is sent over a read-only connection (for the saved mapping
 * templates) and posts the plan back; the importing thread writes it.
 */
const port = parentPort;
const data = workerData as PlanWorkerData;
if (port) {
  const db = new Database(data.workspace, { readonly: true, fileMustExist: true });
  const post = (message: PlanWorkerMessage) => port.postMessage(message);
  port.on('message', ({ id, ...job }: PlanJob & { id: number }) => {
    try {
      post({ id, plan: planImport(db, job.bytes, job.name, job.options) });
    } catch (error) {
      if (error instanceof UserError) post({ id, failure: { code: error.code, detail: error.detail, location: error.location } });
      else post({ id, internal: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  });
}
