import { FIELD_BY_KEY, type FieldDef } from '../../shared/domain/fields';
import { analyzeId } from '../../shared/domain/idNumber';
import { cleanText } from '../../shared/text/normalize';
import { UserError } from '../errors';
import type { ColumnMapping } from '../import/mapColumns';
import { normalizeValue, type CanonicalValue } from '../import/normalizeValue';
import { MAX_CELL_CHARS } from '../import/sheetGrid';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../workspace/workspace';
import type { CellChange } from './correctionLog';
import { CORRECTION_MESSAGES } from './messages';

/** One record's cell as the correction code sees it: where it sits, what it holds now, and how to change it. */
export interface RecordCell {
  recordId: number;
  sourceId: number;
  sourceKind: string;
  fileName: string;
  sheet: string;
  rowNumber: number;
  name: string | null;
  personKey: string | null;
  householdKey: string | null;
  /** Index into records.raw of the field's column; -1 when this ledger has no such column. */
  position: number;
  value: CanonicalValue;
  /** The text the cell shows now: the last correction's text, else the imported cell. */
  text: string;
}

export function fieldDef(field: string): FieldDef {
  const def = FIELD_BY_KEY.get(field);
  if (!def || field === 'seq') throw new UserError('BAD_INPUT', CORRECTION_MESSAGES.noSuchField(field));
  return def;
}

interface CellRow {
  id: number; source_id: number; kind: string; file_name: string; columns: string; sheet: string; row_number: number;
  raw: string; name: string | null; person_key: string | null; household_key: string | null; value: CanonicalValue; text: string | null;
}

let parsedColumns: { json: string; sheets: { sheet: string; columns: ColumnMapping[] }[] } | null = null;

/** Index into records.raw of a field's column on a sheet of a source (sources.columns); -1 when it has none. */
export function columnPosition(columnsJson: string, sheet: string, field: string): number {
  // Callers walk many rows of one source: its column list is parsed once, not per row.
  if (parsedColumns?.json !== columnsJson) parsedColumns = { json: columnsJson, sheets: JSON.parse(columnsJson) as { sheet: string; columns: ColumnMapping[] }[] };
  return parsedColumns.sheets.find((s) => s.sheet === sheet)?.columns.findIndex((c) => c.field === field) ?? -1;
}

/** Current state of one field in the given records (missing records are left out). */
export function readCells(db: Db, recordIds: readonly number[], field: string): RecordCell[] {
  fieldDef(field);
  const rows = db.prepare(`SELECT r.id, r.source_id, s.kind, s.file_name, s.columns, r.sheet, r.row_number, r.raw, r.name, r.person_key,
      r.household_key, r.${field} AS value,
      (SELECT c.new_text FROM corrections c WHERE c.record_id = r.id AND c.field = ? ORDER BY c.id DESC LIMIT 1) AS text
    FROM records r JOIN sources s ON s.id = r.source_id WHERE r.id IN (SELECT value FROM json_each(?)) ORDER BY r.id`)
    .all(field, JSON.stringify(recordIds)) as CellRow[];
  return rows.map((r) => {
    const position = columnPosition(r.columns, r.sheet, field);
    const raw = JSON.parse(r.raw) as string[];
    return {
      recordId: r.id, sourceId: r.source_id, sourceKind: r.kind, fileName: r.file_name, sheet: r.sheet, rowNumber: r.row_number,
      name: r.name, personKey: r.person_key, householdKey: r.household_key, position, value: r.value,
      text: r.text ?? (position >= 0 ? (raw[position] ?? '') : ''),
    };
  });
}

/** The text a clerk typed → the canonical value rules compare; text that cannot mean the field is refused. */
export function parseCellText(def: FieldDef, text: string): CanonicalValue {
  if (text.length > MAX_CELL_CHARS) {
    throw new UserError('BAD_INPUT', CORRECTION_MESSAGES.tooLong(text.length));
  }
  if (cleanText(text) === '') return null;
  const value = normalizeValue(def, text);
  if (value === null) throw new UserError('BAD_INPUT', CORRECTION_MESSAGES.invalidValue(text, def.label));
  if (def.type === 'id' && analyzeId(text).status !== 'ok') {
    throw new UserError('BAD_INPUT', CORRECTION_MESSAGES.invalidId(text));
  }
  return value;
}

/** A canonical value written back as cell text (以此为准 copies values between ledgers that spell them differently). */
export function cellTextOf(def: FieldDef, value: CanonicalValue): string {
  if (value === null) return '';
  if (def.type === 'flag') return value === 1 ? '是' : '否';
  return String(value);
}

/** The change setting one cell to a text, or null when the cell already holds it. */
export function changeOf(cell: RecordCell, field: string, text: string, value: CanonicalValue, issueKey: string | null): CellChange | null {
  if (cell.position < 0) return null;
  if (cell.value === value && cell.text === text) return null;
  return {
    recordId: cell.recordId, sourceKind: cell.sourceKind, fileName: cell.fileName, sheet: cell.sheet, rowNumber: cell.rowNumber,
    personName: cell.name, field, oldValue: cell.value, newValue: value, oldText: cell.text, newText: text, issueKey,
  };
}

/** Write changes into the current values; an ID change also updates the ID's status. */
export function writeValues(db: Db, changes: readonly CellChange[]): void {
  const statements = new Map<string, Statement<unknown[]>>();
  for (const c of changes) {
    fieldDef(c.field);
    let stmt = statements.get(c.field);
    if (!stmt) {
      stmt = c.field === 'id_number'
        ? db.prepare('UPDATE records SET id_number = ?, id_status = ? WHERE id = ?')
        : db.prepare(`UPDATE records SET ${c.field} = ? WHERE id = ?`);
      statements.set(c.field, stmt);
    }
    if (c.field === 'id_number') stmt.run(c.newValue, analyzeId(c.newText).status, c.recordId);
    else stmt.run(c.newValue, c.recordId);
  }
}
