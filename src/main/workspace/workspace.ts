import fs from 'node:fs';
import Database from 'better-sqlite3';
import { UserError } from '../errors';
import { WORKSPACE_MESSAGES } from './messages';
import { LATEST_VERSION, MIGRATIONS } from './migrations';

export type Db = Database.Database;

export interface OpenOptions {
  /** Create the file when it does not exist (otherwise a missing file is an error). */
  create?: boolean;
  /** Apply migrations up to this version only (tests of migration N−1 → N). */
  targetVersion?: number;
}

export function isCorruptionError(err: unknown): boolean {
  const code = (err as { code?: string }).code ?? '';
  return code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT');
}

/** What the clerk reads when the file is damaged, wherever SQLite notices it: on open or in the middle of a query. */
export function corruptWorkspace(file?: string): UserError {
  return new UserError('WORKSPACE_CORRUPT', WORKSPACE_MESSAGES.corrupt(file));
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
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    // 64 MB page cache: an import of a county ledger otherwise spills index pages to the WAL mid-transaction.
    db.pragma('cache_size = -65536');
    // Copy the log back into the file once it reaches 1 GB rather than 4 MB: each import dirties index pages all over
    // the file, and copying them back after every one of a county's 161 imports was 20 s of its import (measured).
    db.pragma('wal_autocheckpoint = 262144');
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
