import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { generateSample, GROUND_TRUTH_FILE } from '../src/main/sample/generateSample';

declare module 'vitest' {
  export interface ProvidedContext {
    sampleDir: string;
  }
}

/**
 * Build the CLI (tests spawn it as a user would) and generate the default sample township once per run; every test
 * that imports it reads the same files.
 */
export default async function setup(project: TestProject): Promise<void> {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  const dir = path.join(os.tmpdir(), 'duizhang-test-sample-600-seed1');
  if (!fs.existsSync(path.join(dir, GROUND_TRUTH_FILE))) {
    fs.rmSync(dir, { recursive: true, force: true });
    await generateSample(dir, { households: 600, seed: 1 });
  }
  project.provide('sampleDir', dir);
}
