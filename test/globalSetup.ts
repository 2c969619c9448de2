import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { importFile } from '../src/main/import/importFile';
import { runCheck } from '../src/main/rules/engine';
import { generateSample, GROUND_TRUTH_FILE, type GroundTruth } from '../src/main/sample/generateSample';
import { saveSetting } from '../src/main/settings/settings';
import { openWorkspace } from '../src/main/workspace/workspace';

declare module 'vitest' {
  export interface ProvidedContext {
    sampleDir: string;
    /** The sample imported and checked once per run; tests work on copies (`checkedSampleCopy`). */
    sampleWorkspace: string;
  }
}

/** Two villages, every injected defect, every ledger kind: the smallest township that exercises every path. */
const SAMPLE_HOUSEHOLDS = 200;

/**
 * Build the CLI (tests spawn it as a user would) and generate the default sample township once per run; every test
 * that imports it reads the same files.
 */
export default async function setup(project: TestProject): Promise<void> {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  // Keyed by the generator's own sources: a changed generator never reuses a sample an older one wrote.
  const sources = ['src/main/sample', 'src/shared/domain', 'src/shared/text'].flatMap((d) =>
    fs.readdirSync(d).filter((f) => f.endsWith('.ts')).sort().map((f) => fs.readFileSync(path.join(d, f))));
  const hash = createHash('sha256').update(Buffer.concat(sources)).digest('hex').slice(0, 12);
  const dir = path.join(os.tmpdir(), `duizhang-test-sample-${SAMPLE_HOUSEHOLDS}-seed1-${hash}`);
  if (!fs.existsSync(path.join(dir, GROUND_TRUTH_FILE))) {
    fs.rmSync(dir, { recursive: true, force: true });
    await generateSample(dir, { households: SAMPLE_HOUSEHOLDS, seed: 1 });
  }
  project.provide('sampleDir', dir);
  project.provide('sampleWorkspace', checkedWorkspace(dir));
}

/** Import every file of the sample and run the full check, as a clerk's first day would. */
function checkedWorkspace(sample: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'duizhang-test-ws-')), 'sample.db');
  const truth = JSON.parse(fs.readFileSync(path.join(sample, GROUND_TRUTH_FILE), 'utf8')) as GroundTruth;
  const db = openWorkspace(file, { create: true });
  saveSetting(db, 'asOf', truth.asOf);
  saveSetting(db, 'operator', '测试员');
  for (const f of truth.files) importFile(db, path.join(sample, f.file));
  runCheck(db);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return file;
}
