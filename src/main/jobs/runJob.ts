import path from 'node:path';
import type { CheckOutcome, ExportOutcome, ImportOutcome, JobRequest } from '../../shared/api/contract';
import { importUpload, planJobOf } from '../api/uploads';
import { importInOrder, Planner } from '../import/planAhead';
import { runExport } from '../export/runExport';
import { runCheckInParallel } from '../rules/engine';
import type { Db } from '../workspace/workspace';
import { JOB_MESSAGES } from './messages';

/** The work of a job, the same whether it runs in a worker thread or (the CLI, tests of the work itself) in-process. */

export type JobEvent =
  | { type: 'progress'; done: number; total: number; label: string }
  | { type: 'imported'; outcome: ImportOutcome };

export type JobResult = { checked: CheckOutcome } | { exported: ExportOutcome } | { imported: ImportOutcome[] };

/** The built worker entries that take work to a second thread (null: it stays on this one). */
export interface Workers {
  rules: URL | null;
  plans: URL | null;
}

export async function runJob(
  db: Db, exportDir: string, job: JobRequest, emit: (event: JobEvent) => void, workers: Workers = { rules: null, plans: null },
): Promise<JobResult> {
  switch (job.kind) {
    case 'import': {
      const planner = new Planner(db, workers.plans);
      try {
        const labelOf = (i: number, name: string) => JOB_MESSAGES.importing(i, job.files.length, name);
        const outcomes = await importInOrder(planner, job.files, planJobOf, async (file, plan, i) => {
          const label = labelOf(i, file.name);
          const outcome = await importUpload(db, file, plan, (p) => emit({ type: 'progress', done: p.done, total: p.total, label: JOB_MESSAGES.writing(label) }));
          emit({ type: 'imported', outcome });
          return outcome;
        }, (file, i) => emit({ type: 'progress', done: 0, total: 0, label: labelOf(i, file.name) }));
        return { imported: outcomes };
      } finally {
        planner.close();
      }
    }
    case 'check': {
      const s = await runCheckInParallel(db, { ruleWorker: workers.rules, onProgress: (done, total, label) => emit({ type: 'progress', done, total, label }) });
      return { checked: { open: s.open, closed: s.closed, notes: s.notes, byFamily: s.byFamily } };
    }
    case 'export': {
      const { kind: _kind, ...request } = job;
      emit({ type: 'progress', done: 0, total: 0, label: JOB_MESSAGES.exporting });
      const r = await runExport(db, { ...request, outDir: exportDir });
      return { exported: { files: r.files.map((f) => ({ name: path.basename(f), path: f })), rows: r.rows } };
    }
  }
}
