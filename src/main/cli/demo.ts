import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importFile } from '../import/importFile';
import { listSources } from '../import/store';
import { generateSample, GROUND_TRUTH_FILE, type GroundTruth } from '../sample/generateSample';
import { saveSetting } from '../settings/settings';
import { openWorkspace } from '../workspace/workspace';
import { formatImportReport } from './formatImport';
import { CLI_MESSAGES } from './messages';

/** The sample township's workspace, in the demo folder. */
export const SAMPLE_WORKSPACE = '示例乡镇.db';

export function defaultDemoDir(): string {
  return path.join(os.homedir(), '.duizhang', 'sample');
}

/** The bundled sample township: generated once, then imported into its own workspace. */
export async function runDemo(dirArg: string | undefined, out: NodeJS.WritableStream): Promise<number> {
  const dir = dirArg ?? defaultDemoDir();
  const filesDir = path.join(dir, 'files');
  const dbPath = path.join(dir, SAMPLE_WORKSPACE);
  if (!fs.existsSync(path.join(filesDir, GROUND_TRUTH_FILE))) {
    out.write(CLI_MESSAGES.generatingSample(filesDir));
    await generateSample(filesDir);
  }
  const db = openWorkspace(dbPath, { create: true });
  try {
    if (listSources(db).length === 0) {
      const truth = JSON.parse(fs.readFileSync(path.join(filesDir, GROUND_TRUTH_FILE), 'utf8')) as GroundTruth;
      // The sample describes its own date: ages and deadlines are computed on it, not on today.
      saveSetting(db, 'asOf', truth.asOf);
      for (const file of fs.readdirSync(filesDir).filter((f) => f !== GROUND_TRUTH_FILE).sort()) {
        out.write(`${formatImportReport(importFile(db, path.join(filesDir, file)))}\n`);
      }
    }
    const sources = listSources(db);
    out.write(CLI_MESSAGES.demoSummary(dbPath, sources.length, sources.reduce((n, s) => n + s.rowCount, 0)));
  } finally {
    db.close();
  }
  return 0;
}
