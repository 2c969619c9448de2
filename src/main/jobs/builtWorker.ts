import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * A worker entry built beside the running bundle (dist/ruleWorker.mjs beside dist/jobWorker.mjs), or null when running
 * from sources (tests), where the work then stays on the calling thread.
 */
export function builtWorker(moduleUrl: string, name: 'ruleWorker' | 'planWorker'): URL | null {
  const url = new URL(`./${name}.mjs`, moduleUrl);
  return url.protocol === 'file:' && fs.existsSync(fileURLToPath(url)) ? url : null;
}
