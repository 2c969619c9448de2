import { columnLetter } from '../../shared/errors';
import { FIELD_BY_KEY, FILL_DOWN_FIELDS } from '../../shared/domain/fields';
import { analyzeId, type IdStatus } from '../../shared/domain/idNumber';
import { cleanText, headerKey } from '../../shared/text/normalize';
import type { ColumnMapping } from './mapColumns';
import { normalizeValue, type CanonicalValue } from './normalizeValue';
import { MAX_CELL_CHARS, type SheetGrid } from './readWorkbook';

export interface ExtractedRecord {
  sheet: string;
  /** 1-based, as the spreadsheet shows it. */
  rowNumber: number;
  /** The row's cells exactly as read, one per header column. */
  raw: string[];
  idStatus: IdStatus;
  values: Map<string, CanonicalValue>;
}

export interface SkippedRow {
  sheet: string;
  row: number;
  column?: string;
  reason: string;
}

export interface ExtractOptions {
  /** Roll ledgers repeat household cells on member rows: a blank one is filled from the row above. */
  fillDown: boolean;
  /** Village for rows that lack one (from the sheet name or title). */
  defaultVillage: string | null;
}

const FOOTER = /^(合计|小计|总计|共计|本页合计)|制表人|审核人|填表人|填报人|负责人签字|审核日期|制表日期|盖章/;

function footerCell(row: readonly string[]): boolean {
  return row.slice(0, 6).some((cell) => FOOTER.test(cleanText(cell)));
}

export function extractRecords(
  grid: SheetGrid,
  headerBottom: number,
  columns: readonly ColumnMapping[],
  options: ExtractOptions,
  skipped: SkippedRow[],
): ExtractedRecord[] {
  const records: ExtractedRecord[] = [];
  const mapped = columns.filter((c): c is ColumnMapping & { field: string } => c.field !== null && c.field !== 'seq');
  const headerKeys = columns.map((c) => headerKey(c.header.split(' / ').at(-1) ?? ''));
  const identifying = ['name', 'id_number', 'head_name', 'head_id'].filter((f) => mapped.some((c) => c.field === f));
  let previous: ExtractedRecord | null = null;

  for (let r = headerBottom + 1; r < grid.rows.length; r++) {
    const row = grid.rows[r] ?? [];
    const rowNumber = r + 1;
    if (row.every((cell) => cleanText(cell) === '')) continue;
    if (footerCell(row)) {
      skipped.push({ sheet: grid.name, row: rowNumber, reason: '合计或签字行' });
      continue;
    }
    const repeatsHeader = columns.filter((c) => c.header !== '' && headerKey(row[c.index] ?? '') === headerKeys[c.index]).length;
    if (repeatsHeader >= Math.max(2, Math.ceil(mapped.length / 2))) {
      skipped.push({ sheet: grid.name, row: rowNumber, reason: '重复的表头行' });
      continue;
    }
    const tooLong = columns.find((c) => (row[c.index] ?? '').length > MAX_CELL_CHARS);
    if (tooLong) {
      skipped.push({ sheet: grid.name, row: rowNumber, column: columnLetter(tooLong.index), reason: `单元格超过 ${MAX_CELL_CHARS} 个字符` });
      continue;
    }
    const raw = columns.map((c) => row[c.index] ?? '');
    const values = new Map<string, CanonicalValue>();
    for (const c of mapped) {
      const def = FIELD_BY_KEY.get(c.field);
      if (def) values.set(c.field, normalizeValue(def, raw[c.index] ?? ''));
    }
    if (identifying.every((f) => values.get(f) == null)) {
      skipped.push({ sheet: grid.name, row: rowNumber, reason: '没有姓名和证件号码' });
      continue;
    }
    const startsHousehold =
      values.get('relation') === '户主' ||
      (values.get('household_no') != null && values.get('household_no') !== previous?.values.get('household_no'));
    if (options.fillDown && previous && !startsHousehold) {
      for (const field of FILL_DOWN_FIELDS) {
        if (values.get(field) == null && previous.values.get(field) != null) values.set(field, previous.values.get(field) ?? null);
      }
    }
    if (values.get('village') == null && options.defaultVillage) values.set('village', options.defaultVillage);
    const record: ExtractedRecord = {
      sheet: grid.name,
      rowNumber,
      raw,
      idStatus: analyzeId(raw[mapped.find((c) => c.field === 'id_number')?.index ?? -1] ?? '').status,
      values,
    };
    records.push(record);
    previous = record;
  }
  return records;
}
