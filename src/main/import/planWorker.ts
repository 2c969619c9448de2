import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { UserError } from '../errors';
import type { PlanJob, PlanWorkerData, PlanWorkerMessage } from './planAhead';
import { planImport } from './planImport';
import { previewImport } from './previewImport';

/**
 * Worker-thread entry of a batch import and of the mapping preview: plans each file it is sent over a read-only
 * connection (for the saved mapping templates) and posts the plan (or its preview) back; the importing thread writes it.
 */
const port = parentPort;
const data = workerData as PlanWorkerData;
if (port) {
  const db = data.workspace === null ? null : new Database(data.workspace, { readonly: true, fileMustExist: true });
  const post = (message: PlanWorkerMessage) => port.postMessage(message);
  port.on('message', ({ id, preview, ...job }: PlanJob & { id: number; preview: boolean }) => {
    try {
      const plan = planImport(db, job.bytes, job.name, job.options);
      post(preview ? { id, preview: previewImport(plan) } : { id, plan });
    } catch (error) {
      if (error instanceof UserError) post({ id, failure: { code: error.code, detail: error.detail, location: error.location } });
      else post({ id, internal: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  });
}
