import type { ExportKind } from '../../shared/domain/exports';
import type { Db } from '../workspace/workspace';

/** SQL for the exports table (workspace migration 004): every export of personal data is recorded. */

export interface ExportRecord {
  what: ExportKind;
  options: Record<string, unknown>;
  files: string[];
  fullIds: boolean;
  rows: number;
  actor: string;
}

export interface ExportLogEntry extends ExportRecord {
  id: number;
  at: string;
}

export function recordExport(db: Db, e: ExportRecord): void {
  db.prepare('INSERT INTO exports (what, options, files, full_ids, rows, actor, at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(e.what, JSON.stringify(e.options), JSON.stringify(e.files), e.fullIds ? 1 : 0, e.rows, e.actor, new Date().toISOString());
}

export function listExports(db: Db, limit = 200): ExportLogEntry[] {
  const rows = db.prepare('SELECT * FROM exports ORDER BY id DESC LIMIT ?').all(limit) as {
    id: number; what: ExportKind; options: string; files: string; full_ids: number; rows: number; actor: string; at: string;
  }[];
  return rows.map((r) => ({
    id: r.id, what: r.what, options: JSON.parse(r.options) as Record<string, unknown>, files: JSON.parse(r.files) as string[],
    fullIds: r.full_ids === 1, rows: r.rows, actor: r.actor, at: r.at,
  }));
}
