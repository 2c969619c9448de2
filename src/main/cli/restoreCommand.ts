import path from 'node:path';
import { parseArgs } from 'node:util';
import { badInput } from '../errors';
import { listBackups, restoreBackup, type BackupEntry } from '../workspace/backups';
import { megabytes } from '../../shared/text/format';
import { CLI_MESSAGES } from './messages';

/** A backup by its number in the list (1 = newest), its file name or its path. */
function pickBackup(backups: BackupEntry[], choice: string): BackupEntry {
  const byNumber = /^\d+$/.test(choice) ? backups[Number(choice) - 1] : undefined;
  const found = byNumber ?? backups.find((b) => b.name === choice || path.resolve(b.file) === path.resolve(choice));
  if (!found) throw badInput(CLI_MESSAGES.noSuchBackup(choice));
  return found;
}

/** `duizhang restore <工作区.db> [--backup 序号|文件]`: list the automatic backups, or put one back. */
export function cmdRestore(args: string[], out: NodeJS.WritableStream): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { backup: { type: 'string' } } });
  const [file] = positionals;
  if (!file) throw badInput(CLI_MESSAGES.restoreUsage);
  const backups = listBackups(file);
  if (values.backup === undefined) {
    if (backups.length === 0) {
      out.write(CLI_MESSAGES.noBackups(file));
      return 0;
    }
    out.write(CLI_MESSAGES.backupsHeader(file));
    backups.forEach((b, i) => out.write(`  ${i + 1}. ${b.at}  ${b.reason}  ${megabytes(b.bytes)}  ${b.name}\n`));
    out.write(CLI_MESSAGES.restoreHint);
    return 0;
  }
  const chosen = pickBackup(backups, values.backup);
  const { kept } = restoreBackup(file, chosen.file);
  out.write(CLI_MESSAGES.restored(chosen.at, chosen.reason, file));
  if (kept) out.write(CLI_MESSAGES.keptBeforeRestore(kept));
  return 0;
}
