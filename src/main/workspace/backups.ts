import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { UserError } from '../errors';
import { WORKSPACE_MESSAGES } from './messages';
import { LATEST_VERSION } from './migrations';
import type { Db } from './workspace';

/**
 * Automatic backups of a workspace, kept in a folder beside it ("<name>-备份"), and their restore. A backup is taken
 * before every import, the one operation that replaces a whole ledger at once.
 */

/** How many backups to keep: a county workspace is ~1 GB, and the newest few are the ones a clerk goes back to. */
export const KEEP_BACKUPS = 5;

export interface BackupEntry {
  /** Full path of the backup file. */
  file: string;
  name: string;
  /** When it was taken (local time, as the name writes it). */
  at: string;
  /** Why it was taken: 导入前 or 恢复前. */
  reason: string;
  bytes: number;
}

const NAME = /^(.+)-(\d{8})-(\d{6})-(\d{3})-(导入前|恢复前)\.db$/;

export function backupDir(workspaceFile: string): string {
  const stem = path.basename(workspaceFile, path.extname(workspaceFile));
  return path.join(path.dirname(path.resolve(workspaceFile)), `${stem}-备份`);
}

function stamp(date: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${date.getFullYear()}${p(date.getMonth() + 1)}${p(date.getDate())}-${p(date.getHours())}${p(date.getMinutes())}${p(date.getSeconds())}-${p(date.getMilliseconds(), 3)}`;
}

function backupName(workspaceFile: string, reason: string, date: Date): string {
  return `${path.basename(workspaceFile, path.extname(workspaceFile))}-${stamp(date)}-${reason}.db`;
}

/** A backup file as the list shows it; null for any other file in the folder. */
function entryOf(dir: string, name: string): BackupEntry | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const [, , day = '', time = '', , reason = ''] = m;
  const at = `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6)} ${time.slice(0, 2)}:${time.slice(2, 4)}:${time.slice(4)}`;
  const file = path.join(dir, name);
  return { file, name, at, reason, bytes: fs.statSync(file).size };
}

/** The backups of a workspace, newest first. */
export function listBackups(workspaceFile: string): BackupEntry[] {
  const dir = backupDir(workspaceFile);
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).flatMap((name) => entryOf(dir, name) ?? []).sort((a, b) => b.name.localeCompare(a.name));
}

/** A database file and the write-ahead log SQLite keeps beside it (a "恢复前" copy of a crashed workspace has one). */
function removeWithLog(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
}

function prune(workspaceFile: string): void {
  for (const old of listBackups(workspaceFile).slice(KEEP_BACKUPS)) removeWithLog(old.file);
}

/**
 * Copy the open workspace with SQLite's online backup (a consistent snapshot even while it is in use), under a
 * temporary name renamed into place, so a backup that exists is always whole.
 */
export async function takeBackup(db: Db, reason: '导入前'): Promise<BackupEntry> {
  const workspaceFile = db.name;
  const dir = backupDir(workspaceFile);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, backupName(workspaceFile, reason, new Date()));
  const temporary = `${file}.part`;
  try {
    await db.backup(temporary);
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw new UserError('INTERNAL', WORKSPACE_MESSAGES.backupFailed(dir, error));
  }
  const entry = entryOf(dir, path.basename(file));
  prune(workspaceFile);
  if (!entry) throw new Error(`backup name ${file} does not match its own pattern`);
  return entry;
}

/** The backup an import takes first; a workspace with nothing imported yet has nothing to lose. */
export async function backupBeforeImport(db: Db): Promise<BackupEntry | null> {
  if (!db.prepare('SELECT 1 FROM sources LIMIT 1').get()) return null;
  return takeBackup(db, '导入前');
}

/**
 * Check a copy of a backup (with its log, if it has one) and fold the log into it, so the file renamed into place is
 * whole by itself: SQLite reads every page of it, and it is not from a newer version of the app.
 */
function settleCopy(copy: string, backupName: string): void {
  let db: Database.Database | undefined;
  try {
    db = new Database(copy, { fileMustExist: true });
    const check = db.pragma('quick_check', { simple: true });
    const version = db.pragma('user_version', { simple: true }) as number;
    if (check !== 'ok') throw new UserError('WORKSPACE_CORRUPT', WORKSPACE_MESSAGES.backupCorrupt(backupName));
    if (version > LATEST_VERSION) throw new UserError('WORKSPACE_TOO_NEW', WORKSPACE_MESSAGES.backupTooNew(backupName));
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError('WORKSPACE_CORRUPT', WORKSPACE_MESSAGES.backupUnreadable(backupName, error));
  } finally {
    db?.close();
  }
}

/**
 * Put a backup back in place of the workspace. The workspace must be closed by every connection of this process.
 * The current file, even a damaged one, is first kept as a "恢复前" backup, so a restore can itself be undone.
 */
export function restoreBackup(workspaceFile: string, backupFile: string): { kept: string | null } {
  const known = listBackups(workspaceFile).find((b) => path.resolve(b.file) === path.resolve(backupFile));
  if (!known) throw new UserError('NOT_FOUND', WORKSPACE_MESSAGES.notABackup(backupFile, path.basename(workspaceFile)));
  const temporary = `${workspaceFile}.restore.part`;
  removeWithLog(temporary);
  fs.copyFileSync(known.file, temporary);
  if (fs.existsSync(`${known.file}-wal`)) fs.copyFileSync(`${known.file}-wal`, `${temporary}-wal`);
  try {
    settleCopy(temporary, known.name);
  } catch (error) {
    removeWithLog(temporary);
    throw error;
  }
  for (const suffix of ['-wal', '-shm']) fs.rmSync(`${temporary}${suffix}`, { force: true });
  let kept: string | null = null;
  if (fs.existsSync(workspaceFile)) {
    kept = path.join(backupDir(workspaceFile), backupName(workspaceFile, '恢复前', new Date()));
    fs.copyFileSync(workspaceFile, `${kept}.part`);
    // Committed changes not yet checkpointed live in the log: keep it beside the copy, where SQLite will find it.
    if (fs.existsSync(`${workspaceFile}-wal`)) fs.copyFileSync(`${workspaceFile}-wal`, `${kept}-wal`);
    fs.renameSync(`${kept}.part`, kept);
  }
  // The write-ahead log belongs to the file being replaced; left behind, SQLite would replay it over the backup.
  for (const suffix of ['-wal', '-shm']) fs.rmSync(`${workspaceFile}${suffix}`, { force: true });
  fs.renameSync(temporary, workspaceFile);
  prune(workspaceFile);
  return { kept };
}
