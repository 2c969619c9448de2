import fs from 'node:fs';
import Database from 'better-sqlite3';
import { UserError } from '../errors';
import { WORKSPACE_MESSAGES } from './messages';
import { LATEST_VERSION, MIGRATIONS } from './migrations';

export type Db = Database.Database;

/**
 * Page size of new workspaces and of every connection's temporary database (the rules' and the linker's tables): a
 * county's records are a gigabyte, and the checks read them whole many times over; at SQLite's default 4 KB a full
 * scan of them took 0.9–1.1 s, at 16 KB 0.53–0.59 s, and all rules of a full check on one thread 30.5–39.1 → 26.0–30.9 s
 * (measured). A workspace created before keeps its own page size.
 */
export const PAGE_SIZE = 16384;

/**
 * The pages of any connection to a workspace, the app's and the rule worker's: large temporary pages (the temporary
 * database takes its page size when the connection first writes to it, so this comes first thing) and a 64 MB page
 * cache (an import of a county ledger otherwise spills index pages to the WAL mid-transaction).
 */
export function sizePages(db: Db): void {
  db.pragma(`temp.page_size = ${PAGE_SIZE}`);
  db.pragma('cache_size = -65536');
}

export interface OpenOptions {
  /** Create the file when it does not exist (otherwise a missing file is an error). */
  create?: boolean;
  /** Apply migrations up to this version only (tests of migration N−1 → N). */
  targetVersion?: number;
}

/** SQLite's or the file system's code for what was thrown ('' when it has none, as for a thrown string or nothing). */
function errorCode(err: unknown): string {
  const code = (err as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' ? code : '';
}

function isCorruptionError(err: unknown): boolean {
  const code = errorCode(err);
  return code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT');
}

/** What the clerk reads when the file is damaged, wherever SQLite notices it: on open or in the middle of a query. */
function corruptWorkspace(file?: string): UserError {
  return new UserError('WORKSPACE_CORRUPT', WORKSPACE_MESSAGES.corrupt(file));
}

/**
 * A failure of where the workspace lives that the clerk can act on, as they read it (the desk and the CLI alike): the
 * file is damaged, or SQLite or the file system ran out of space (or SQLite reached a file's size limit).
 */
export function storageFailure(err: unknown, file?: string): UserError | null {
  if (isCorruptionError(err)) return corruptWorkspace(file);
  const code = errorCode(err);
  return code === 'SQLITE_FULL' || code === 'ENOSPC' ? new UserError('DISK_FULL', WORKSPACE_MESSAGES.diskFull) : null;
}

export function migrate(db: Db, target = LATEST_VERSION): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > LATEST_VERSION) {
    throw new UserError('WORKSPACE_TOO_NEW', WORKSPACE_MESSAGES.tooNew(current, LATEST_VERSION));
  }
  for (const m of MIGRATIONS) {
    if (m.version <= current || m.version > target) continue;
    db.transaction(() => {
      db.exec(m.up);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}

/** Open (or create) a township workspace: WAL, foreign keys, migrated to the latest schema. */
export function openWorkspace(file: string, options: OpenOptions = {}): Db {
  if (!options.create && !fs.existsSync(file)) {
    throw new UserError('NOT_FOUND', WORKSPACE_MESSAGES.missing(file));
  }
  let db: Db | undefined;
  try {
    db = new Database(file);
    // Takes effect on a new, empty file only: before the switch to WAL, which writes the first page.
    db.pragma(`page_size = ${PAGE_SIZE}`);
    sizePages(db);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    // Copy the log back into the file once it reaches 1 GB rather than 4 MB: each import dirties index pages all over
    // the file, and copying them back after every one of a county's 161 imports was 20 s of its import (measured).
    db.pragma(`wal_autocheckpoint = ${2 ** 30 / (db.pragma('page_size', { simple: true }) as number)}`);
    // Reads every page once: damage found now is reported now, not as a failure halfway through a clerk's work.
    if (db.pragma('quick_check', { simple: true }) !== 'ok') throw corruptWorkspace(file);
    migrate(db, options.targetVersion ?? LATEST_VERSION);
    return db;
  } catch (err) {
    db?.close();
    if (isCorruptionError(err)) throw corruptWorkspace(file);
    if ((err as { code?: string }).code === 'SQLITE_CANTOPEN') {
      throw new UserError('NOT_FOUND', WORKSPACE_MESSAGES.cannotOpen(file));
    }
    throw err;
  }
}
