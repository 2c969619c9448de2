import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { JobRequest, JobStatus } from '../../shared/api/contract';
import { UserError } from '../errors';
import { removeLeftRoll } from '../rules/checkTables';
import type { JobData, WorkerMessage } from './jobWorker';
import { JOB_MESSAGES } from './messages';

/** Finished jobs kept for the desk to read their outcome. */
const KEEP_FINISHED = 20;

/**
 * Long work off the main thread: each job runs in a worker thread on its own connection (WAL lets the desk keep reading
 * meanwhile), reports progress, and can be cancelled by terminating the worker, which rolls back what it had not
 * committed. One job at a time.
 */
export class JobRunner {
  private readonly jobs = new Map<string, { status: JobStatus; worker: Worker | null }>();

  /** `script`: the built worker entry (dist/jobWorker.mjs). */
  constructor(private readonly script: string | URL) {}

  active(): JobStatus | null {
    for (const { status } of this.jobs.values()) if (status.state === 'running') return status;
    return null;
  }

  /** Refuse to change the workspace under a running job. */
  assertIdle(): void {
    const active = this.active();
    if (active) throw new UserError('BAD_INPUT', JOB_MESSAGES.busy(active.kind, active.label));
  }

  start(workspace: string, exportDir: string, request: JobRequest): JobStatus {
    this.assertIdle();
    const status: JobStatus = {
      id: randomUUID(), kind: request.kind, state: 'running', done: 0, total: 0, label: JOB_MESSAGES.preparing(request.kind),
      imported: [], checked: null, exported: null, error: null,
    };
    const data: JobData = { workspace, exportDir, request };
    const worker = new Worker(this.script, { workerData: data });
    const entry = { status, worker: worker as Worker | null };
    worker.on('message', (message: WorkerMessage) => this.receive(status, message));
    worker.on('error', (error) => this.fail(status, { code: 'INTERNAL', message: JOB_MESSAGES.workerError(error.message) }));
    worker.on('exit', () => {
      entry.worker = null;
      // A check stopped from outside cannot remove its scratch copy of the roll (330 MB on a county) itself.
      if (request.kind === 'check') removeLeftRoll(workspace);
      this.fail(status, { code: 'INTERNAL', message: JOB_MESSAGES.workerExited });
    });
    this.jobs.set(status.id, entry);
    this.prune();
    return { ...status };
  }

  status(id: string): JobStatus {
    const entry = this.jobs.get(id);
    if (!entry) throw new UserError('NOT_FOUND', JOB_MESSAGES.noSuchJob);
    return { ...entry.status };
  }

  async cancel(id: string): Promise<JobStatus> {
    const entry = this.jobs.get(id);
    if (!entry) throw new UserError('NOT_FOUND', JOB_MESSAGES.noSuchJob);
    if (entry.status.state === 'running') {
      entry.status.state = 'cancelled';
      entry.status.label = JOB_MESSAGES.cancelled;
      await entry.worker?.terminate();
    }
    return { ...entry.status };
  }

  /** Stop every running job (the app is closing). */
  async stopAll(): Promise<void> {
    await Promise.all([...this.jobs.values()].filter((e) => e.status.state === 'running').map((e) => this.cancel(e.status.id)));
  }

  private receive(status: JobStatus, message: WorkerMessage): void {
    if (status.state !== 'running') return;
    if (message.type === 'failed') {
      this.fail(status, message.error);
    } else if (message.type === 'result') {
      Object.assign(status, message.result, { state: 'done', label: JOB_MESSAGES.done(status.kind), done: status.total });
    } else if (message.event.type === 'imported') {
      status.imported = [...status.imported, message.event.outcome];
    } else {
      Object.assign(status, { done: message.event.done, total: message.event.total, label: message.event.label });
    }
  }

  private fail(status: JobStatus, error: { code: string; message: string }): void {
    if (status.state !== 'running') return;
    status.state = 'failed';
    status.error = error;
    status.label = JOB_MESSAGES.failed(status.kind);
  }

  private prune(): void {
    const finished = [...this.jobs.entries()].filter(([, e]) => e.status.state !== 'running');
    for (const [id] of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.jobs.delete(id);
  }
}
