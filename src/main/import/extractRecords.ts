import { columnLetter } from '../../shared/errors';
import { FIELD_BY_KEY, FILL_DOWN_FIELDS, type FieldDef } from '../../shared/domain/fields';
import { analyzeId, type IdStatus } from '../../shared/domain/idNumber';
import { cleanText } from '../../shared/text/normalize';
import type { ColumnMapping } from './mapColumns';
import { normalizeValue, type CanonicalValue } from './normalizeValue';
import { MAX_CELL_CHARS, type SheetRow } from './sheetGrid';
import { SKIP_REASONS } from './messages';

export interface ExtractedRecord {
  sheet: string;
  /** 1-based, as the spreadsheet shows it. */
  rowNumber: number;
  /** The row's cells exactly as read, one per header column. */
  raw: string[];
  idStatus: IdStatus;
  /** Canonical values, aligned with the source's field list. */
  values: CanonicalValue[];
}

export interface SkippedRow {
  sheet: string;
  row: number;
  column?: string;
  reason: string;
}

export interface ExtractOptions {
  /** The source's canonical fields, in the order `values` holds them. */
  fields: readonly string[];
  /** Roll ledgers repeat household cells on member rows: a blank one is filled from the row above. */
  fillDown: boolean;
  /** Village for rows that lack one (from the sheet name or title). */
  defaultVillage: string | null;
}

const FOOTER = /^(合计|小计|总计|共计|本页合计)|制表人|审核人|填表人|填报人|负责人签字|审核日期|制表日期|盖章/;
const IDENTIFYING = ['name', 'id_number', 'head_name', 'head_id'];

function footerCell(row: readonly string[]): boolean {
  return row.slice(0, 6).some((cell) => cell.length < 200 && FOOTER.test(cleanText(cell)));
}

interface Slot {
  column: number;
  position: number;
  def: FieldDef;
}

/** The records of a sheet's rows below its header, one at a time; rows left out are added to `skipped` with why. */
export function* extractRecords(
  rows: Iterable<SheetRow>,
  sheet: string,
  headerBottom: number,
  columns: readonly ColumnMapping[],
  options: ExtractOptions,
  skipped: SkippedRow[],
): Generator<ExtractedRecord> {
  const positionOf = new Map(options.fields.map((f, i) => [f, i]));
  const slots: Slot[] = [];
  for (const c of columns) {
    const def = c.field === null ? undefined : FIELD_BY_KEY.get(c.field);
    const position = c.field === null ? undefined : positionOf.get(c.field);
    if (def && position !== undefined && def.key !== 'seq') slots.push({ column: c.index, position, def });
  }
  const idColumn = slots.find((s) => s.def.key === 'id_number')?.column;
  const identifying = slots.filter((s) => IDENTIFYING.includes(s.def.key)).map((s) => s.position);
  const fillPositions = options.fields.flatMap((f, i) => (FILL_DOWN_FIELDS.has(f) ? [i] : []));
  const relationAt = positionOf.get('relation');
  const householdAt = positionOf.get('household_no');
  const villageAt = positionOf.get('village');
  // Page headers repeated inside the data are exact copies of the header row.
  const headerTexts = columns.map((c) => (c.header.split(' / ').at(-1) ?? '').trim());
  const repeatThreshold = Math.max(2, Math.ceil(slots.length / 2));
  let previous: ExtractedRecord | null = null;

  for (const { index, cells: row, imprecise } of rows) {
    if (index <= headerBottom) continue;
    const rowNumber = index + 1;
    if (row.every((cell) => cell === '' || cleanText(cell) === '')) continue;
    if (footerCell(row)) {
      skipped.push({ sheet, row: rowNumber, reason: SKIP_REASONS.footer });
      continue;
    }
    let repeats = 0;
    for (const c of columns) if (c.header !== '' && (row[c.index] ?? '').trim() === headerTexts[c.index]) repeats++;
    if (repeats >= repeatThreshold) {
      skipped.push({ sheet, row: rowNumber, reason: SKIP_REASONS.repeatedHeader });
      continue;
    }
    const tooLong = columns.find((c) => (row[c.index] ?? '').length > MAX_CELL_CHARS);
    if (tooLong) {
      skipped.push({ sheet, row: rowNumber, column: columnLetter(tooLong.index), reason: SKIP_REASONS.cellTooLong });
      continue;
    }
    const raw = columns.map((c) => row[c.index] ?? '');
    const values: CanonicalValue[] = new Array<CanonicalValue>(options.fields.length).fill(null);
    const read = idColumn === undefined ? null : analyzeId(raw[idColumn]);
    const id = read && idColumn !== undefined && imprecise.includes(idColumn)
      ? { ...read, status: 'excel_damaged' as const, birthDate: null, sex: null, region: null }
      : read;
    for (const s of slots) {
      values[s.position] = s.column === idColumn && id ? (id.normalized || null) : normalizeValue(s.def, raw[s.column] ?? '');
    }
    if (identifying.every((p) => values[p] == null)) {
      skipped.push({ sheet, row: rowNumber, reason: SKIP_REASONS.noPerson });
      continue;
    }
    const startsHousehold =
      (relationAt !== undefined && values[relationAt] === '户主') ||
      (householdAt !== undefined && values[householdAt] != null && values[householdAt] !== previous?.values[householdAt]);
    if (options.fillDown && previous && !startsHousehold) {
      for (const p of fillPositions) if (values[p] == null) values[p] = previous.values[p] ?? null;
    }
    if (villageAt !== undefined && values[villageAt] == null) values[villageAt] = options.defaultVillage;
    const record: ExtractedRecord = { sheet, rowNumber, raw, idStatus: id?.status ?? 'missing', values };
    yield record;
    previous = record;
  }
}
