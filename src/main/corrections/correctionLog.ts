import type { Db } from '../workspace/workspace';

/** SQL for correction_batches and corrections (workspace migration 004): append-only, read back as the audit log. */

export interface CellChange {
  recordId: number;
  sourceKind: string;
  fileName: string;
  sheet: string;
  rowNumber: number;
  personName: string | null;
  field: string;
  oldValue: string | number | null;
  newValue: string | number | null;
  oldText: string;
  newText: string;
  issueKey: string | null;
}

export interface BatchHeader {
  action: 'edit' | 'undo' | 'redo';
  target: number | null;
  reason: string;
  note: string | null;
  actor: string;
  at: string;
}

export function appendBatch(db: Db, header: BatchHeader, changes: readonly CellChange[]): number {
  const batch = Number(db.prepare('INSERT INTO correction_batches (action, target, reason, note, actor, at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(header.action, header.target, header.reason, header.note, header.actor, header.at).lastInsertRowid);
  const insert = db.prepare(`INSERT INTO corrections (batch_id, record_id, source_kind, file_name, sheet, row_number, person_name, field,
      old_value, new_value, old_text, new_text, issue_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  for (const c of changes) {
    insert.run(batch, c.recordId, c.sourceKind, c.fileName, c.sheet, c.rowNumber, c.personName, c.field,
      JSON.stringify(c.oldValue), JSON.stringify(c.newValue), c.oldText, c.newText, c.issueKey);
  }
  return batch;
}

export function batchChanges(db: Db, batchId: number): CellChange[] {
  const rows = db.prepare(`SELECT record_id, source_kind, file_name, sheet, row_number, person_name, field, old_value, new_value,
      old_text, new_text, issue_key FROM corrections WHERE batch_id = ? ORDER BY id`).all(batchId) as {
    record_id: number | null; source_kind: string; file_name: string; sheet: string; row_number: number; person_name: string | null;
    field: string; old_value: string; new_value: string; old_text: string; new_text: string; issue_key: string | null;
  }[];
  return rows.filter((r) => r.record_id !== null).map((r) => ({
    recordId: r.record_id ?? 0, sourceKind: r.source_kind, fileName: r.file_name, sheet: r.sheet, rowNumber: r.row_number,
    personName: r.person_name, field: r.field, oldValue: JSON.parse(r.old_value) as CellChange['oldValue'],
    newValue: JSON.parse(r.new_value) as CellChange['newValue'], oldText: r.old_text, newText: r.new_text, issueKey: r.issue_key,
  }));
}

/**
 * The undo and redo stacks, replayed from the batch list: an edit pushes on the done stack and clears redo; an undo
 * moves the top of done to redo; a redo moves it back.
 */
export function undoStacks(db: Db): { done: number[]; undone: number[] } {
  const batches = db.prepare('SELECT id, action, target FROM correction_batches ORDER BY id').all() as
    { id: number; action: BatchHeader['action']; target: number | null }[];
  const done: number[] = [];
  const undone: number[] = [];
  for (const b of batches) {
    if (b.action === 'edit') {
      done.push(b.id);
      undone.length = 0;
    } else if (b.action === 'undo') {
      undone.push(done.pop() ?? 0);
    } else {
      done.push(undone.pop() ?? 0);
    }
  }
  return { done, undone };
}

export interface LogEntry {
  id: number;
  batch: number;
  action: BatchHeader['action'];
  at: string;
  actor: string;
  reason: string;
  note: string | null;
  ledger: string;
  file: string;
  sheet: string;
  row: number;
  recordId: number | null;
  name: string | null;
  field: string;
  oldText: string;
  newText: string;
  issueKey: string | null;
}

export interface LogFilter {
  recordIds?: readonly number[];
  limit?: number;
  offset?: number;
}

/** The audit log, newest first. */
export function listCorrections(db: Db, filter: LogFilter = {}): { total: number; entries: LogEntry[] } {
  const where = filter.recordIds ? 'WHERE c.record_id IN (SELECT value FROM json_each(?))' : '';
  const params = filter.recordIds ? [JSON.stringify(filter.recordIds)] : [];
  const total = (db.prepare(`SELECT count(*) AS n FROM corrections c ${where}`).get(...params) as { n: number }).n;
  const entries = db.prepare(`SELECT c.id, c.batch_id AS batch, b.action, b.at, b.actor, b.reason, b.note, c.source_kind AS ledger,
      c.file_name AS file, c.sheet, c.row_number AS row, c.record_id AS recordId, c.person_name AS name, c.field,
      c.old_text AS oldText, c.new_text AS newText, c.issue_key AS issueKey
    FROM corrections c JOIN correction_batches b ON b.id = c.batch_id ${where}
    ORDER BY c.id DESC LIMIT ? OFFSET ?`).all(...params, filter.limit ?? 1000, filter.offset ?? 0) as LogEntry[];
  return { total, entries };
}

/** Cells of one source whose current text differs from what was imported: record id → field → current text and why. */
export function correctedCells(db: Db, sourceId: number): Map<number, Map<string, { text: string; original: string; reason: string }>> {
  const rows = db.prepare(`SELECT c.record_id AS recordId, c.field, c.new_text AS text, b.reason,
      (SELECT f.old_text FROM corrections f WHERE f.record_id = c.record_id AND f.field = c.field ORDER BY f.id LIMIT 1) AS original
    FROM corrections c JOIN correction_batches b ON b.id = c.batch_id
    WHERE c.id IN (SELECT max(m.id) FROM corrections m JOIN records r ON r.id = m.record_id WHERE r.source_id = ? GROUP BY m.record_id, m.field)`)
    .all(sourceId) as { recordId: number; field: string; text: string; original: string; reason: string }[];
  const cells = new Map<number, Map<string, { text: string; original: string; reason: string }>>();
  for (const r of rows) {
    if (r.text === r.original) continue;
    const byField = cells.get(r.recordId) ?? new Map<string, { text: string; original: string; reason: string }>();
    byField.set(r.field, { text: r.text, original: r.original, reason: r.reason });
    cells.set(r.recordId, byField);
  }
  return cells;
}
