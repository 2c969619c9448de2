import fs from 'node:fs';
import path from 'node:path';
import { badInput } from '../errors';
import type { Db } from '../workspace/workspace';
import { commitImport, type ImportProgress, type ImportReport } from './commitImport';
import type { PlanJob } from './planAhead';
import { planImport, type PlanOptions } from './planImport';
import { IMPORT_MESSAGES } from './messages';

/** Largest file accepted: far above any real county ledger, low enough to refuse a runaway file before parsing. */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;

export function readInputFile(filePath: string): Uint8Array {
  const name = path.basename(filePath);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(filePath);
  } catch {
    throw badInput(IMPORT_MESSAGES.fileMissing, { file: name });
  }
  if (!stat.isFile()) throw badInput(IMPORT_MESSAGES.notAFile, { file: name });
  if (stat.size > MAX_FILE_BYTES) {
    throw badInput(IMPORT_MESSAGES.fileTooBig(Math.round(stat.size / 1048576), MAX_FILE_BYTES / 1048576), { file: name });
  }
  return fs.readFileSync(filePath);
}

/** What the planner reads of a file on disk. */
export const fileJob = (filePath: string, options: PlanOptions = {}): PlanJob => ({
  bytes: readInputFile(filePath), name: path.basename(filePath), options,
});

/** Plan and commit one file: the whole import lands, or the workspace is left as it was. */
export function importFile(
  db: Db, filePath: string, options: PlanOptions = {}, onProgress?: (p: ImportProgress) => void,
): ImportReport {
  const plan = planImport(db, readInputFile(filePath), filePath, options);
  return commitImport(db, plan, onProgress);
}
