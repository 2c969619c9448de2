import path from 'node:path';
import { parseArgs } from 'node:util';
import { badInput } from '../errors';
import { listBackups, restoreBackup, type BackupEntry } from '../workspace/backups';
import { megabytes } from '../../shared/text/format';

/** A backup by its number in the list (1 = newest), its file name or its path. */
function pickBackup(backups: BackupEntry[], choice: string): BackupEntry {
  const byNumber = /^\d+$/.test(choice) ? backups[Number(choice) - 1] : undefined;
  const found = byNumber ?? backups.find((b) => b.name === choice || path.resolve(b.file) === path.resolve(choice));
  if (!found) throw badInput(`没有备份“${choice}”。不带 --backup 运行可列出全部备份。`);
  return found;
}

/** `duizhang restore <工作区.db> [--backup 序号|文件]`: list the automatic backups, or put one back. */
export function cmdRestore(args: string[], out: NodeJS.WritableStream): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { backup: { type: 'string' } } });
  const [file] = positionals;
  if (!file) throw badInput('用法：duizhang restore <工作区.db> [--backup 序号|文件]');
  const backups = listBackups(file);
  if (values.backup === undefined) {
    if (backups.length === 0) {
      out.write(`工作区“${file}”还没有自动备份（每次导入前会自动备份）。\n`);
      return 0;
    }
    out.write(`工作区“${file}”的自动备份（新的在前）：\n`);
    backups.forEach((b, i) => out.write(`  ${i + 1}. ${b.at}  ${b.reason}  ${megabytes(b.bytes)}  ${b.name}\n`));
    out.write('恢复：duizhang restore <工作区.db> --backup 序号\n');
    return 0;
  }
  const chosen = pickBackup(backups, values.backup);
  const { kept } = restoreBackup(file, chosen.file);
  out.write(`已用 ${chosen.at} 的备份（${chosen.reason}）恢复工作区“${file}”。\n`);
  if (kept) out.write(`恢复前的工作区已另存为 ${kept}，如需可再恢复回来。\n`);
  return 0;
}
