import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors';

/**
 * Write a file under a temporary name and rename it into place, so that a crash or a kill never leaves a half-written
 * file under the name the clerk will open.
 */
export async function writeAtomically(file: string, write: (temporary: string) => Promise<void>): Promise<void> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.part`);
  try {
    await write(temporary);
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    if (error instanceof UserError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EBUSY' || code === 'EPERM' || code === 'EACCES') {
      throw new UserError('BAD_INPUT', `无法写入“${file}”：文件可能正在 Excel/WPS 中打开，或没有写入权限。请关闭后重试。`);
    }
    throw error;
  }
}

/** A file name without characters Windows refuses. */
export function safeFileName(name: string): string {
  return name.replace(/[\\/:*?"<>|\r\n\t]/g, '_').slice(0, 120);
}
