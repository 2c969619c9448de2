import { cleanIdText } from '../../shared/domain/idNumber';
import { cleanText } from '../../shared/text/normalize';
import { loadSettings } from '../settings/settings';
import type { Db } from '../workspace/workspace';
import { changeOf, columnPosition, fieldDef, readCells, writeValues } from './cells';
import { normalizeValue, type CanonicalValue } from '../import/normalizeValue';
import { appendBatch, type CellChange } from './correctionLog';
import { CORRECTION_MESSAGES, CORRECTION_REASONS, NO_OPERATOR, NOT_CARRIED } from './messages';

/**
 * A newer file of a ledger replaces the old import, and with it the rows the clerk corrected. Each correction still in
 * force is carried to the same person's row in the new file when that row still holds the value that was corrected;
 * when the new file already holds the corrected value there is nothing to carry; when it holds a third value the new
 * file wins and the correction is reported as not carried.
 */

export interface CarriedCorrections {
  applied: number;
  /** The new file already holds the corrected value. */
  alreadyInFile: number;
  /** Corrections not carried: the person is not in the new file, or the new file holds another value. */
  notCarried: { name: string | null; field: string; reason: string }[];
}

export interface PendingCorrection {
  identity: string;
  name: string | null;
  field: string;
  importedText: string;
  text: string;
  value: CanonicalValue;
  issueKey: string | null;
}

interface RawRow {
  id: number;
  sheet: string;
  raw: string;
  columns: string;
}

const importedText = (row: RawRow, cells: readonly string[], field: string): string | null => {
  const p = columnPosition(row.columns, row.sheet, field);
  return p >= 0 ? (cells[p] ?? '') : null;
};

/** A row's person as the file wrote it: the ID cell, else the name on its sheet; null when neither is there. */
function identityOf(row: RawRow, cells: readonly string[]): string | null {
  const id = cleanIdText(importedText(row, cells, 'id_number') ?? '');
  if (id !== '') return `id:${id}`;
  const name = cleanText(importedText(row, cells, 'name') ?? '');
  return name === '' ? null : `name:${row.sheet}|${name}`;
}

/** The corrections in force on a source's rows (the last one of each cell), read before the source is replaced. */
export function pendingCorrections(db: Db, sourceId: number): PendingCorrection[] {
  const rows = db.prepare(`SELECT r.id, r.sheet, r.raw, s.columns, r.name, c.field, c.new_text, c.new_value, c.issue_key
    FROM corrections c JOIN records r ON r.id = c.record_id JOIN sources s ON s.id = r.source_id
    WHERE r.source_id = ? AND c.id = (SELECT max(l.id) FROM corrections l WHERE l.record_id = c.record_id AND l.field = c.field)
    ORDER BY c.id`).all(sourceId) as (RawRow & { name: string | null; field: string; new_text: string; new_value: string; issue_key: string | null })[];
  return rows.flatMap((r) => {
    const cells = JSON.parse(r.raw) as string[];
    const identity = identityOf(r, cells);
    const imported = importedText(r, cells, r.field);
    if (identity === null || imported === null || imported === r.new_text) return [];
    return [{ identity, name: r.name, field: r.field, importedText: imported, text: r.new_text, value: JSON.parse(r.new_value) as CanonicalValue, issueKey: r.issue_key }];
  });
}

/** Apply the pending corrections to the new source's rows as one logged batch (part of the import's transaction). */
export function carryCorrections(db: Db, sourceId: number, fileName: string, pending: readonly PendingCorrection[]): CarriedCorrections {
  const rows = db.prepare('SELECT r.id, r.sheet, r.raw, s.columns FROM records r JOIN sources s ON s.id = r.source_id WHERE r.source_id = ?')
    .all(sourceId) as RawRow[];
  const wanted = new Set(pending.map((p) => p.identity));
  const byIdentity = new Map<string, { row: RawRow; cells: string[] }[]>();
  for (const row of rows) {
    const cells = JSON.parse(row.raw) as string[];
    const identity = identityOf(row, cells);
    if (identity === null || !wanted.has(identity)) continue;
    byIdentity.set(identity, [...(byIdentity.get(identity) ?? []), { row, cells }]);
  }
  const result: CarriedCorrections = { applied: 0, alreadyInFile: 0, notCarried: [] };
  const changes: CellChange[] = [];
  for (const p of pending) {
    const matches = byIdentity.get(p.identity) ?? [];
    const match = matches.length === 1 ? matches[0] : undefined;
    const now = match ? importedText(match.row, match.cells, p.field) : null;
    // Cells that spell one value differently ("4" and "4人") are the same value.
    const def = fieldDef(p.field);
    const same = (a: string, b: string) => a === b || normalizeValue(def, a) === normalizeValue(def, b);
    if (!match || now === null) {
      result.notCarried.push({ name: p.name, field: p.field, reason: matches.length > 1 ? NOT_CARRIED.severalRows : NOT_CARRIED.missing });
    } else if (same(now, p.text)) {
      result.alreadyInFile++;
    } else if (!same(now, p.importedText)) {
      result.notCarried.push({ name: p.name, field: p.field, reason: NOT_CARRIED.changed(now) });
    } else {
      const [cell] = readCells(db, [match.row.id], p.field);
      const change = cell ? changeOf(cell, p.field, p.text, p.value, p.issueKey) : null;
      if (change) changes.push(change);
    }
  }
  if (changes.length > 0) {
    writeChanges(db, changes, fileName);
    result.applied = changes.length;
  }
  return result;
}

function writeChanges(db: Db, changes: readonly CellChange[], fileName: string): void {
  const actor = loadSettings(db).operator.trim() || `（${NO_OPERATOR}）`;
  appendBatch(db, { action: 'edit', target: null, reason: CORRECTION_REASONS.carried, note: CORRECTION_REASONS.carriedNote(fileName), actor, at: new Date().toISOString() }, changes);
  writeValues(db, changes);
}

/** One line for the import report: what became of the corrections to the replaced file. */
export function carriedSummary(c: CarriedCorrections): string {
  return CORRECTION_MESSAGES.carriedSummary(c.applied, c.alreadyInFile, c.notCarried.length);
}
