import { createHash } from 'node:crypto';
import { FIELDS } from '../../shared/domain/fields';
import type { LedgerKindId } from '../../shared/domain/ledgerKinds';
import { headerKey } from '../../shared/text/normalize';

export interface ColumnMapping {
  /** 0-based column index in the sheet. */
  index: number;
  /** The header as the file shows it; parts of a multi-row header joined by " / ". */
  header: string;
  /** Canonical field key, or null when the column is kept only as raw text. */
  field: string | null;
}

const GLOBAL_SYNONYMS = new Map<string, string>();
const KIND_SYNONYMS = new Map<string, string>();
for (const def of FIELDS) {
  for (const s of def.synonyms) GLOBAL_SYNONYMS.set(headerKey(s), def.key);
  for (const [kind, list] of Object.entries(def.kindSynonyms ?? {})) {
    for (const s of list) KIND_SYNONYMS.set(`${kind}:${headerKey(s)}`, def.key);
  }
}

function fieldForText(text: string, kind: LedgerKindId | null): string | null {
  const key = headerKey(text);
  if (key === '') return null;
  return (kind ? KIND_SYNONYMS.get(`${kind}:${key}`) : undefined) ?? GLOBAL_SYNONYMS.get(key) ?? null;
}

/**
 * The field a header means. Multi-row headers try the joined text first ("帮扶责任人"+"姓名" = 帮扶责任人姓名), then
 * each part from the bottom row up ("家庭成员信息"/"姓名" → 姓名).
 */
export function fieldForHeader(parts: readonly string[], kind: LedgerKindId | null): string | null {
  const joined = fieldForText(parts.join(''), kind);
  if (joined) return joined;
  for (let i = parts.length - 1; i >= 0; i--) {
    const field = fieldForText(parts[i] ?? '', kind);
    if (field) return field;
  }
  return null;
}

export interface MappedColumns {
  columns: ColumnMapping[];
  /** Columns whose field an earlier column already took, e.g. two "姓名" columns. */
  duplicates: { index: number; header: string; field: string }[];
}

/** Map every header column; the first column that claims a field keeps it. */
export function mapColumns(headerParts: readonly (readonly string[])[], kind: LedgerKindId | null): MappedColumns {
  const taken = new Set<string>();
  const duplicates: MappedColumns['duplicates'] = [];
  const columns = headerParts.map((parts, index): ColumnMapping => {
    const header = parts.join(' / ');
    let field = fieldForHeader(parts, kind);
    if (field && taken.has(field)) {
      duplicates.push({ index, header, field });
      field = null;
    }
    if (field && field !== 'seq') taken.add(field);
    return { index, header, field };
  });
  return { columns, duplicates };
}

/** Identifies a header layout, so a mapping the user corrected is reused for the next file with the same headers. */
export function headerSignature(headers: readonly string[]): string {
  return createHash('sha256').update(headers.map(headerKey).join('\u0001')).digest('hex');
}

/** How many distinct fields a row of single cells names: the header row is the one that names the most. */
export function headerScore(row: readonly string[]): number {
  const fields = new Set<string>();
  for (const cell of row) {
    if (cell.length > 40) continue;
    const field = fieldForText(cell, null);
    if (field && field !== 'seq') fields.add(field);
  }
  return fields.size;
}
