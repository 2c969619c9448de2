import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { tempDir } from './helpers';

const FILTERS = { xls: 'xls:MS Excel 97', xlsx: 'xlsx:Calc MS Excel 2007 XML' };

/**
 * Open a file in LibreOffice (headless) and save it as Excel 97 (or .xlsx): proof that another office suite reads what
 * we wrote, and the cells as it understood them. Each call gets its own profile so parallel tests do not share a lock.
 */
export function throughLibreOffice(file: string, format: keyof typeof FILTERS = 'xls'): string {
  const out = tempDir('duizhang-lo-');
  const profile = `file://${tempDir('duizhang-lo-profile-')}`;
  execFileSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', FILTERS[format], '--outdir', out, file],
    { stdio: 'pipe', timeout: 240_000 });
  const converted = path.join(out, `${path.basename(file, path.extname(file))}.${format}`);
  if (!fs.existsSync(converted)) throw new Error(`LibreOffice did not convert ${file}`);
  return converted;
}

/** Every sheet as rows of displayed text. */
export function readSheets(file: string): Map<string, string[][]> {
  const wb = XLSX.read(fs.readFileSync(file), { type: 'buffer' });
  return new Map(wb.SheetNames.map((name) => {
    const ws = wb.Sheets[name];
    return [name, ws ? XLSX.utils.sheet_to_json<string[]>(ws, { header: 1, raw: false, defval: '', blankrows: true }).map((r) => r.map(String)) : []];
  }));
}
