import { FIELD_KEYS } from '../../shared/domain/fields';
import type { LedgerKindId } from '../../shared/domain/ledgerKinds';
import type { Db } from '../workspace/workspace';
import type { ExtractedRecord, SkippedRow } from './extractRecords';
import type { ColumnMapping } from './mapColumns';

/** SQL for the sources, records and mapping_templates tables (created in workspace migration 001). */

export interface SheetSummary {
  name: string;
  /** 1-based header rows as the spreadsheet shows them. */
  headerRows: [number, number];
  village: string | null;
  rows: number;
  columns: ColumnMapping[];
  /** Every row above the data (title, 填报单位, header rows) as written, merged cells blank but for their first. */
  preamble: string[][];
  /** Merged ranges as [firstRow, firstCol, lastRow, lastCol], 0-based: the layout a corrected export reproduces. */
  merges: [number, number, number, number][];
}

export interface SourceRow {
  id: number;
  kind: LedgerKindId;
  fileName: string;
  sha256: string;
  format: string;
  encoding: string | null;
  sheets: SheetSummary[];
  rowCount: number;
  skipped: SkippedRow[];
  importedAt: string;
}

export interface NewSource {
  kind: LedgerKindId;
  fileName: string;
  sha256: string;
  format: string;
  encoding: string | null;
}

/** What is known of a source once its records are written. */
export interface SourceContents {
  sheets: SheetSummary[];
  rowCount: number;
  skipped: SkippedRow[];
}

const KNOWN_FIELDS = new Set(FIELD_KEYS);

/** Insert a source before its records (they refer to it); `completeSource` adds what reading them found. */
export function insertSource(db: Db, source: NewSource): number {
  const info = db
    .prepare(
      `INSERT INTO sources (kind, file_name, sha256, format, encoding, sheets, columns, row_count, skipped, imported_at)
       VALUES (?, ?, ?, ?, ?, '[]', '[]', 0, '[]', ?)`,
    )
    .run(source.kind, source.fileName, source.sha256, source.format, source.encoding, new Date().toISOString());
  return Number(info.lastInsertRowid);
}

export function completeSource(db: Db, sourceId: number, contents: SourceContents): void {
  db.prepare('UPDATE sources SET sheets = ?, columns = ?, row_count = ?, skipped = ? WHERE id = ?').run(
    JSON.stringify(contents.sheets.map(({ columns: _columns, ...rest }) => rest)),
    JSON.stringify(contents.sheets.map((s) => ({ sheet: s.name, columns: s.columns }))),
    contents.rowCount, JSON.stringify(contents.skipped), sourceId,
  );
}

/** Inserts the records of one source one by one; only the fields the source maps are bound (the rest stay NULL). */
export function recordInserter(db: Db, sourceId: number, fields: readonly string[]): (record: ExtractedRecord) => void {
  for (const f of fields) if (!KNOWN_FIELDS.has(f)) throw new Error(`unknown field ${f}`);
  const columns = ['source_id', 'sheet', 'row_number', 'raw', 'id_status', ...fields];
  const stmt = db.prepare(`INSERT INTO records (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
  const params: unknown[] = new Array(columns.length);
  params[0] = sourceId;
  return (rec) => {
    params[1] = rec.sheet;
    params[2] = rec.rowNumber;
    params[3] = JSON.stringify(rec.raw);
    params[4] = rec.idStatus;
    for (let k = 0; k < fields.length; k++) params[5 + k] = rec.values[k] ?? null;
    stmt.run(params);
  };
}

interface SourceDbRow {
  id: number; kind: string; file_name: string; sha256: string; format: string; encoding: string | null;
  sheets: string; columns: string; row_count: number; skipped: string; imported_at: string;
}

function toSource(row: SourceDbRow): SourceRow {
  const summaries = JSON.parse(row.sheets) as Omit<SheetSummary, 'columns'>[];
  const columns = JSON.parse(row.columns) as { sheet: string; columns: ColumnMapping[] }[];
  return {
    id: row.id, kind: row.kind as LedgerKindId, fileName: row.file_name, sha256: row.sha256, format: row.format,
    encoding: row.encoding,
    sheets: summaries.map((s, i) => ({ ...s, columns: columns[i]?.columns ?? [] })),
    rowCount: row.row_count, skipped: JSON.parse(row.skipped) as SkippedRow[], importedAt: row.imported_at,
  };
}

export function listSources(db: Db): SourceRow[] {
  return (db.prepare('SELECT * FROM sources ORDER BY id').all() as SourceDbRow[]).map(toSource);
}

/** The earlier import of the same ledger: same kind and same file name. */
export function findPreviousSource(db: Db, kind: LedgerKindId, fileName: string): number | null {
  const row = db.prepare('SELECT id FROM sources WHERE kind = ? AND file_name = ? ORDER BY id DESC LIMIT 1').get(kind, fileName) as
    | { id: number }
    | undefined;
  return row?.id ?? null;
}

export function deleteSource(db: Db, sourceId: number): void {
  db.prepare('DELETE FROM records WHERE source_id = ?').run(sourceId);
  db.prepare('DELETE FROM sources WHERE id = ?').run(sourceId);
}

/** Each record of a source as identity key → canonical values, to tell what a re-import added, removed or changed. */
export function recordDigests(db: Db, sourceId: number): Map<string, string> {
  const rows = db
    .prepare(`SELECT sheet, id_status, ${FIELD_KEYS.join(', ')} FROM records WHERE source_id = ? ORDER BY id`)
    .raw()
    .all(sourceId) as unknown[][];
  const out = new Map<string, string>();
  const idIndex = 2 + FIELD_KEYS.indexOf('id_number');
  const nameIndex = 2 + FIELD_KEYS.indexOf('name');
  for (const row of rows) {
    const values = row.slice(2);
    const goodId = row[1] === 'ok' || row[1] === 'legacy15';
    addDigest(out, goodId ? String(row[idIndex]) : `${String(row[0])}|${String(row[nameIndex])}`, JSON.stringify(values));
  }
  return out;
}

/** Adds each record's digest, as `recordDigests` makes them from the stored records, to a map. */
export function digester(fields: readonly string[], out: Map<string, string>): (record: ExtractedRecord) => void {
  const positions = FIELD_KEYS.map((k) => fields.indexOf(k));
  const idAt = fields.indexOf('id_number');
  const nameAt = fields.indexOf('name');
  return (rec) => {
    const goodId = rec.idStatus === 'ok' || rec.idStatus === 'legacy15';
    const key = goodId ? String(rec.values[idAt]) : `${rec.sheet}|${String(rec.values[nameAt] ?? null)}`;
    addDigest(out, key, JSON.stringify(positions.map((p) => (p < 0 ? null : (rec.values[p] ?? null)))));
  };
}

function addDigest(out: Map<string, string>, key: string, digest: string): void {
  let unique = key;
  for (let n = 2; out.has(unique); n++) unique = `${key}#${n}`;
  out.set(unique, digest);
}

export interface MappingTemplate {
  kind: LedgerKindId;
  columns: (string | null)[];
}

export function findTemplate(db: Db, signature: string): MappingTemplate | null {
  const row = db.prepare('SELECT kind, columns FROM mapping_templates WHERE signature = ?').get(signature) as
    | { kind: string; columns: string }
    | undefined;
  return row ? { kind: row.kind as LedgerKindId, columns: JSON.parse(row.columns) as (string | null)[] } : null;
}

export function saveTemplate(db: Db, signature: string, template: MappingTemplate): void {
  db.prepare(
    `INSERT INTO mapping_templates (signature, kind, columns, saved_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(signature) DO UPDATE SET kind = excluded.kind, columns = excluded.columns, saved_at = excluded.saved_at`,
  ).run(signature, template.kind, JSON.stringify(template.columns), new Date().toISOString());
}
