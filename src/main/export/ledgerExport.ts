import { FIELD_BY_KEY } from '../../shared/domain/fields';
import { LEDGER_KIND_BY_ID } from '../../shared/domain/ledgerKinds';
import { correctedCells, listCorrections } from '../corrections/correctionLog';
import type { SheetSummary, SourceRow } from '../import/store';
import type { Db } from '../workspace/workspace';
import { columnText, exportText, maskIdsIn, type Masking } from './masking';
import { CREATOR } from './messages';
import { CORRECTION_ACTIONS } from '../corrections/messages';
import { STYLE, XlsxStreamWriter, type StyleId } from './xlsxStream';

const NUMERIC_TYPES = new Set(['count', 'money', 'year']);
const PLAIN_NUMBER = /^-?\d{1,12}(\.\d+)?$/;

interface RecordRow {
  id: number;
  row_number: number;
  raw: string;
}

/** A cell as written: numbers where the column holds quantities, everything else as text (IDs above all). */
function cellValue(text: string, numeric: boolean): string | number {
  return numeric && PLAIN_NUMBER.test(text) ? Number(text) : text;
}

const isNumeric = (field: string | null): boolean => {
  const type = field ? FIELD_BY_KEY.get(field)?.type : undefined;
  return type !== undefined && NUMERIC_TYPES.has(type);
};

/** Excel's widest sheet has 16 384 columns: a cell's number in a sheet is row × this + column. */
const COLUMNS = 16_384;

/** Cells covered by a merge other than its first: writing them would overwrite the merged value. */
function mergedAway(merges: SheetSummary['merges']): Set<number> {
  const away = new Set<number>();
  for (const [r0, c0, r1, c1] of merges) {
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) if (r !== r0 || c !== c0) away.add(r * COLUMNS + c);
  }
  return away;
}

/** The style of a data cell: text stays text (an ID written as a number would lose its last digits). */
function dataStyle(value: string | number, corrected: boolean): StyleId {
  if (typeof value === 'string') return corrected ? STYLE.textCorrected : STYLE.text;
  return corrected ? STYLE.plainCorrected : STYLE.plain;
}

async function writeSheet(
  db: Db, wb: XlsxStreamWriter, source: SourceRow, sheet: SheetSummary, masking: Masking,
  corrected: ReturnType<typeof correctedCells>, village: string | null,
): Promise<number> {
  const scope = 'FROM records WHERE source_id = ? AND sheet = ? AND (? IS NULL OR village = ?) ORDER BY row_number';
  const rowNumbers = db.prepare(`SELECT row_number ${scope}`).pluck().all(source.id, sheet.name, village, village) as number[];
  if (village !== null && rowNumbers.length === 0) return 0;
  const width = Math.max(...sheet.preamble.map((p) => p.length), ...sheet.columns.map((c) => c.index + 1), 1);
  const ws = wb.addSheet(sheet.name, { frozenRows: sheet.headerRows[1], columnWidths: new Array<number>(width).fill(14) });
  const written = new Set<number>([...sheet.preamble.keys()].map((i) => i + 1));
  for (const n of rowNumbers) written.add(n);
  const merges = sheet.merges.filter(([r0]) => written.has(r0 + 1));
  for (const [r0, c0, r1, c1] of merges) ws.merge(r0 + 1, c0 + 1, r1 + 1, c1 + 1);
  const away = mergedAway(merges);
  for (const [i, cells] of sheet.preamble.entries()) {
    const style = i + 1 >= sheet.headerRows[0] ? STYLE.header : STYLE.none;
    // Covered cells are written empty in the header's style, so that a merged header keeps its borders.
    await ws.row(i + 1, cells.map((text, c) => (away.has(i * COLUMNS + c) ? '' : masking.fullIds ? text : maskIdsIn(text))), style);
  }
  // Left to right, each with its place in the imported row's cells.
  const columns = sheet.columns.map((column, k) => ({
    ...column, k, text: columnText(column.field, column.header, masking), numeric: isNumeric(column.field),
  })).sort((a, b) => a.index - b.index);
  // Iterated, not fetched at once: a county ledger's rows would otherwise all sit in memory. The job's connection does
  // nothing else meanwhile.
  const records = db.prepare(`SELECT id, row_number, raw ${scope}`).iterate(source.id, sheet.name, village, village) as IterableIterator<RecordRow>;
  for (const r of records) {
    const raw = JSON.parse(r.raw) as string[];
    const fixes = corrected.get(r.id);
    const first = (r.row_number - 1) * COLUMNS;
    ws.beginRow(r.row_number);
    for (const column of columns) {
      if (away.size > 0 && away.has(first + column.index)) {
        ws.cell(column.index, '', STYLE.plain);
        continue;
      }
      const fix = column.field ? fixes?.get(column.field) : undefined;
      const value = cellValue(column.text(fix ? fix.text : (raw[column.k] ?? '')), column.numeric);
      ws.cell(column.index, value, dataStyle(value, fix !== undefined));
      if (fix) ws.note(`原值：${column.text(fix.original) || '（空）'}\n修改原因：${fix.reason}`);
    }
    const catchUp = ws.endRow();
    if (catchUp) await catchUp;
  }
  await ws.end();
  return rowNumbers.length;
}

const LOG_COLUMNS = ['序号', '工作表', '行号', '姓名', '字段', '原值', '新值', '修改原因', '说明', '操作', '修改人', '修改时间'];

/** Every logged change to the records of this ledger, oldest first. */
async function writeChangeLog(db: Db, wb: XlsxStreamWriter, source: SourceRow, masking: Masking): Promise<void> {
  const ids = (db.prepare('SELECT id FROM records WHERE source_id = ?').all(source.id) as { id: number }[]).map((r) => r.id);
  const entries = listCorrections(db, { recordIds: ids, limit: 1_000_000 }).entries.reverse();
  const ws = wb.addSheet('修改记录', { frozenRows: 1, columnWidths: LOG_COLUMNS.map((_, i) => (i === 0 || i === 2 ? 8 : 16)) });
  await ws.row(1, LOG_COLUMNS, STYLE.header);
  for (const [i, e] of entries.entries()) {
    const label = FIELD_BY_KEY.get(e.field)?.label ?? e.field;
    const text = (t: string): string => exportText(t, e.field, label, masking);
    const values = [String(i + 1), e.sheet, String(e.row), e.name ?? '', label, text(e.oldText), text(e.newText), e.reason, e.note ?? '',
      CORRECTION_ACTIONS[e.action], e.actor, e.at.replace('T', ' ').slice(0, 19)];
    await ws.row(i + 2, values, STYLE.text);
  }
  await ws.end();
}

/**
 * One ledger, corrected, in the layout it was imported in: the same sheets, title and header rows, column order and
 * merges, each data row at its original row number; corrected cells filled yellow with the old value in a note; and a
 * 修改记录 sheet. Streamed, so that a county-size ledger does not sit in memory.
 */
export async function writeCorrectedLedger(db: Db, source: SourceRow, file: string, masking: Masking, village: string | null): Promise<number> {
  const wb = new XlsxStreamWriter(file, { creator: CREATOR, title: `${LEDGER_KIND_BY_ID.get(source.kind)?.label ?? source.kind}（已更正）` });
  try {
    const corrected = correctedCells(db, source.id);
    let rows = 0;
    for (const sheet of source.sheets) rows += await writeSheet(db, wb, source, sheet, masking, corrected, village);
    await writeChangeLog(db, wb, source, masking);
    await wb.close();
    return rows;
  } catch (error) {
    await wb.abort();
    throw error;
  }
}
