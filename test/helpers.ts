import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import type { JobRequest, JobStatus } from '../src/shared/api/contract';
import type { Handlers } from '../src/main/api/handlers';
import type { GroundTruth } from '../src/main/sample/generateSample';
import { GROUND_TRUTH_FILE } from '../src/main/sample/generateSample';
import { openWorkspace, type Db } from '../src/main/workspace/workspace';

/** The worker entry that runs jobs, built by the global setup. */
export const JOB_WORKER = path.resolve('dist/jobWorker.mjs');

export function sampleDir(): string {
  return inject('sampleDir');
}

/** A private copy of the imported and checked sample township (operator 测试员), opened. */
export function checkedSampleCopy(): { db: Db; file: string } {
  const file = path.join(tempDir(), 'sample.db');
  fs.copyFileSync(inject('sampleWorkspace'), file);
  return { db: openWorkspace(file), file };
}

export function groundTruth(): GroundTruth {
  return JSON.parse(fs.readFileSync(path.join(sampleDir(), GROUND_TRUTH_FILE), 'utf8')) as GroundTruth;
}

export function tempDir(prefix = 'duizhang-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function tempWorkspace(): { db: Db; file: string } {
  const file = path.join(tempDir(), 'ws.db');
  return { db: openWorkspace(file, { create: true }), file };
}

/** Everything the workspace holds, to prove a failed import changed nothing. */
export function snapshot(db: Db): string {
  const tables = ['sources', 'records', 'mapping_templates', 'settings'];
  return tables.map((t) => JSON.stringify(db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all())).join('\n');
}

export function writeFile(dir: string, name: string, content: string | Uint8Array): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

/** Start a job through the handlers and poll it to its end, as the desk does; every status seen is kept. */
export async function jobToEnd(handlers: Handlers, request: JobRequest, seen: JobStatus[] = []): Promise<JobStatus> {
  let status = await handlers['jobs:start'](request);
  seen.push(status);
  while (status.state === 'running') {
    await new Promise((resolve) => setTimeout(resolve, 20));
    status = await handlers['jobs:status']({ id: status.id });
    seen.push(status);
  }
  return status;
}
