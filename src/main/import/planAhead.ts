import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { FileLocation } from '../../shared/errors';
import { badInput, UserError, type ErrorCode } from '../errors';
import type { Db } from '../workspace/workspace';
import { IMPORT_MESSAGES } from './messages';
import { planImport, type ImportPlan, type PlanOptions } from './planImport';
import { previewImport, type ImportPreview } from './previewImport';

export interface PlanJob {
  bytes: Uint8Array;
  name: string;
  options: PlanOptions;
}

/** A plan, or only its preview: all a mapping preview needs, without the file's rows crossing threads. */
type PlanResult = { plan: ImportPlan } | { preview: ImportPreview };

export type PlanWorkerMessage =
  | ({ id: number } & PlanResult)
  | { id: number; failure: { code: ErrorCode; detail: string; location: FileLocation } }
  | { id: number; internal: string };

export interface PlanWorkerData {
  /** Null before a workspace is open: files are then planned without its saved mapping templates. */
  workspace: string | null;
}

interface Waiting {
  resolve: (result: PlanResult) => void;
  reject: (error: Error) => void;
  name: string;
  bytes: number;
}

/** The reader's heap: most of the memory, at most 8 GB, so that a runaway file fails alone instead of swapping. */
const defaultHeapMb = (): number => Math.min(8192, Math.floor((os.totalmem() / 1048576) * 0.6));

const outOfMemory = (error: Error): boolean => (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';

/** Bytes above which a file's worker is replaced once it has planned it: its heap is gigabytes it would keep a while. */
const LARGE_FILE_BYTES = 16 * 1024 * 1024;

/**
 * Reads and plans the files of a batch import on a second thread, so that the next file is read while this one is
 * written: reading a county's files is about half of importing them (measured). Plans come back in the order asked.
 * Without a worker script (running from sources) it plans on this thread.
 */
export class Planner {
  private worker: Worker | null = null;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 0;

  constructor(private readonly db: Db | null, private readonly script: URL | null, private readonly heapMb = defaultHeapMb()) {}

  private spawn(script: URL): Worker {
    const data: PlanWorkerData = { workspace: this.db?.name ?? null };
    const worker = new Worker(script, { workerData: data, resourceLimits: { maxOldGenerationSizeMb: this.heapMb } });
    worker.on('message', (m: PlanWorkerMessage) => this.settle(m));
    const fail = (error: Error) => {
      // A worker that failed is gone: the next file gets a new one.
      if (this.worker === worker) this.worker = null;
      for (const w of this.waiting.values()) {
        w.reject(outOfMemory(error)
          ? badInput(IMPORT_MESSAGES.readerOutOfMemory(this.heapMb), { file: w.name })
          : error);
      }
      this.waiting.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`plan worker exited (${code})`)));
    return worker;
  }

  /** Let a worker that read a large file go, freeing its heap at once; the next request starts a new one. */
  private retire(): void {
    const worker = this.worker;
    this.worker = null;
    worker?.removeAllListeners();
    void worker?.terminate();
  }

  private settle(m: PlanWorkerMessage): void {
    const w = this.waiting.get(m.id);
    this.waiting.delete(m.id);
    if (!w) return;
    if (w.bytes > LARGE_FILE_BYTES && this.waiting.size === 0) this.retire();
    if ('failure' in m) w.reject(new UserError(m.failure.code, m.failure.detail, m.failure.location));
    else if ('internal' in m) w.reject(new Error(m.internal));
    else w.resolve(m);
  }

  private run(script: URL, job: PlanJob, preview: boolean): Promise<PlanResult> {
    const worker = (this.worker ??= this.spawn(script));
    const id = this.nextId++;
    const promise = new Promise<PlanResult>((resolve, reject) => this.waiting.set(id, { resolve, reject, name: job.name, bytes: job.bytes.length }));
    worker.postMessage({ id, preview, ...job });
    return promise;
  }

  /** The plan of a file, as `planImport` makes it; a file the clerk must fix rejects with its UserError. */
  async plan(job: PlanJob): Promise<ImportPlan> {
    if (!this.script) return planImport(this.db, job.bytes, job.name, job.options);
    const result = await this.run(this.script, job, false);
    if (!('plan' in result)) throw new Error('plan worker: a preview instead of a plan');
    return result.plan;
  }

  /** What importing a file would store, for the clerk to check the mapping: read off this thread like a plan. */
  async preview(job: PlanJob): Promise<ImportPreview> {
    if (!this.script) return previewImport(planImport(this.db, job.bytes, job.name, job.options));
    const result = await this.run(this.script, job, true);
    if (!('preview' in result)) throw new Error('plan worker: a plan instead of a preview');
    return result.preview;
  }

  close(): void {
    this.retire();
  }
}

/**
 * Import items in order, each planned while the one before it is written, except after a write that saves a mapping
 * template (the clerk mapped columns by hand): the next file is planned after it.
 */
export async function importInOrder<T, R>(
  planner: Planner, items: readonly T[], jobOf: (item: T) => PlanJob,
  write: (item: T, plan: Promise<ImportPlan>, index: number) => Promise<R>,
  /** Called as each item's turn comes, before its plan is awaited: the clerk sees which file is being read. */
  onTurn: (item: T, index: number) => void = () => {},
): Promise<R[]> {
  const request = (i: number): Promise<ImportPlan> | null => {
    if (i >= items.length) return null;
    const plan = (async () => planner.plan(jobOf(items[i] as T)))();
    // Read ahead: nobody awaits it until the file before it is written, so its failure is not unhandled meanwhile.
    plan.catch(() => {});
    return plan;
  };
  const results: R[] = [];
  let next = request(0);
  for (const [i, item] of items.entries()) {
    const current = next ?? Promise.reject(new Error('import: no plan'));
    onTurn(item, i);
    // The next file is read once this one's plan is here, never two at a time: a county's largest file alone takes
    // gigabytes to read.
    const plan = await current.catch(() => null);
    // A file whose write saves a template is followed by a file planned only after it, so that it uses the template.
    const readAhead = !plan?.userCorrected;
    if (readAhead) next = request(i + 1);
    results.push(await write(item, current, i));
    if (!readAhead) next = request(i + 1);
  }
  return results;
}
