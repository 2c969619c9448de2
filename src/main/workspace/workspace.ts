import fs from 'node:fs';
import Database from 'better-sqlite3';
import { UserError } from '../errors';
import { LATEST_VERSION, MIGRATIONS } from './migrations';

export type Db = Database.Database;

export interface OpenOptions {
  /** Create the file when it does not exist (otherwise a missing file is an error). */
  create?: boolean;
  /** Apply migrations up to this version only (tests of migration N−1 → N). */
  targetVersion?: number;
}

function isCorruptionError(err: unknown): boolean {
  const code = (err as { code?: string }).code ?? '';
  return code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT');
}

export function migrate(db: Db, target = LATEST_VERSION): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > LATEST_VERSION) {
    throw new UserError(
      'WORKSPACE_TOO_NEW',
      `此工作区由更新版本的对账软件创建（结构版本 ${current}，本软件支持到 ${LATEST_VERSION}），请升级软件后再打开。`,
    );
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
    throw new UserError('NOT_FOUND', `找不到工作区文件“${file}”。`);
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
    migrate(db, options.targetVersion ?? LATEST_VERSION);
    return db;
  } catch (err) {
    db?.close();
    if (isCorruptionError(err)) {
      throw new UserError('WORKSPACE_CORRUPT', `工作区文件“${file}”已损坏或不是对账工作区，无法打开。`);
    }
    if ((err as { code?: string }).code === 'SQLITE_CANTOPEN') {
      throw new UserError('NOT_FOUND', `无法打开工作区文件“${file}”：路径不存在、是文件夹或没有权限。`);
    }
    throw err;
  }
}
