import type ExcelJS from 'exceljs';
import { FIELD_BY_KEY } from '../../shared/domain/fields';
import { LEDGER_KIND_BY_ID } from '../../shared/domain/ledgerKinds';
import { correctedCells, listCorrections } from '../corrections/correctionLog';
import type { SheetSummary, SourceRow } from '../import/store';
import type { Db } from '../workspace/workspace';
import { columnText, exportText, maskIdsIn, type Masking } from './masking';
import { mergeDisjoint } from './mergeDisjoint';
import { CORRECTED_FILL, HEADER_FONT, THIN, loadExcelJs } from './sheetStyle';

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

/**
 * One shared, never-changed style object per kind of data cell: ExcelJS looks styles up by object, so a style built per
 * cell cost a lookup by content for each of a county ledger's millions of cells.
 */
const DATA_STYLE: Record<'plain' | 'text' | 'plainCorrected' | 'textCorrected', Partial<ExcelJS.Style>> = {
  plain: { border: THIN },
  text: { border: THIN, numFmt: '@' },
  plainCorrected: { border: THIN, fill: CORRECTED_FILL },
  textCorrected: { border: THIN, numFmt: '@', fill: CORRECTED_FILL },
};

async function writeSheet(
  db: Db, wb: ExcelJS.stream.xlsx.WorkbookWriter, source: SourceRow, sheet: SheetSummary, masking: Masking,
  corrected: ReturnType<typeof correctedCells>, village: string | null,
): Promise<number> {
  const records = db.prepare(`SELECT id, row_number, raw FROM records WHERE source_id = ? AND sheet = ? AND (? IS NULL OR village = ?)
    ORDER BY row_number`).all(source.id, sheet.name, village, village) as RecordRow[];
  if (village !== null && records.length === 0) return 0;
  const ws = wb.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: sheet.headerRows[1] }] });
  const written = new Set<number>([...sheet.preamble.keys()].map((i) => i + 1));
  for (const r of records) written.add(r.row_number);
  const merges = [...sheet.merges].filter(([r0]) => written.has(r0 + 1)).sort((a, b) => a[0] - b[0]);
  const away = mergedAway(merges);
  const width = Math.max(...sheet.preamble.map((p) => p.length), ...sheet.columns.map((c) => c.index + 1), 1);
  for (let c = 1; c <= width; c++) ws.getColumn(c).width = 14;
  let m = 0;
  const applyMerges = (rowNumber: number): void => {
    while (m < merges.length && (merges[m]?.[0] ?? Infinity) + 1 <= rowNumber) {
      const [r0, c0, r1, c1] = merges[m] ?? [0, 0, 0, 0];
      mergeDisjoint(ws, r0 + 1, c0 + 1, r1 + 1, c1 + 1);
      m++;
    }
  };
  sheet.preamble.forEach((cells, i) => {
    applyMerges(i + 1);
    const row = ws.getRow(i + 1);
    cells.forEach((text, c) => {
      if (away.has(i * COLUMNS + c)) return;
      const cell = row.getCell(c + 1);
      cell.value = masking.fullIds ? text : maskIdsIn(text);
      if (i + 1 >= sheet.headerRows[0]) {
        cell.font = HEADER_FONT;
        cell.border = THIN;
        cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      }
    });
    row.commit();
  });
  const columns = sheet.columns.map((column) => ({
    ...column, text: columnText(column.field, column.header, masking), numeric: isNumeric(column.field),
  }));
  for (const r of records) {
    applyMerges(r.row_number);
    const raw = JSON.parse(r.raw) as string[];
    const fixes = corrected.get(r.id);
    const row = ws.getRow(r.row_number);
    const first = (r.row_number - 1) * COLUMNS;
    columns.forEach((column, k) => {
      if (away.size > 0 && away.has(first + column.index)) return;
      const fix = column.field ? fixes?.get(column.field) : undefined;
      const cell = row.getCell(column.index + 1);
      const value = cellValue(column.text(fix ? fix.text : (raw[k] ?? '')), column.numeric);
      cell.value = value;
      cell.style = fix ? (typeof value === 'string' ? DATA_STYLE.textCorrected : DATA_STYLE.plainCorrected)
        : typeof value === 'string' ? DATA_STYLE.text : DATA_STYLE.plain;
      if (fix) cell.note = `原值：${column.text(fix.original) || '（空）'}\n修改原因：${fix.reason}`;
    });
    row.commit();
  }
  ws.commit();
  return records.length;
}

const LOG_COLUMNS = ['序号', '工作表', '行号', '姓名', '字段', '原值', '新值', '修改原因', '说明', '操作', '修改人', '修改时间'];
const ACTIONS = { edit: '修改', undo: '撤销', redo: '重做' } as const;

/** Every logged change to the records of this ledger, oldest first. */
function writeChangeLog(db: Db, wb: ExcelJS.stream.xlsx.WorkbookWriter, source: SourceRow, masking: Masking): void {
  const ids = (db.prepare('SELECT id FROM records WHERE source_id = ?').all(source.id) as { id: number }[]).map((r) => r.id);
  const entries = listCorrections(db, { recordIds: ids, limit: 1_000_000 }).entries.reverse();
  const ws = wb.addWorksheet('修改记录', { views: [{ state: 'frozen', ySplit: 1 }] });
  const header = ws.getRow(1);
  LOG_COLUMNS.forEach((label, i) => {
    const cell = header.getCell(i + 1);
    cell.value = label;
    cell.font = HEADER_FONT;
    cell.border = THIN;
    ws.getColumn(i + 1).width = i === 0 || i === 2 ? 8 : 16;
  });
  header.commit();
  entries.forEach((e, i) => {
    const label = FIELD_BY_KEY.get(e.field)?.label ?? e.field;
    const text = (t: string): string => exportText(t, e.field, label, masking);
    const row = ws.getRow(i + 2);
    [String(i + 1), e.sheet, String(e.row), e.name ?? '', label, text(e.oldText), text(e.newText), e.reason, e.note ?? '', ACTIONS[e.action],
      e.actor, e.at.replace('T', ' ').slice(0, 19)].forEach((v, c) => {
      const cell = row.getCell(c + 1);
      cell.value = v;
      cell.numFmt = '@';
      cell.border = THIN;
    });
    row.commit();
  });
  ws.commit();
}

/**
 * One ledger, corrected, in the layout it was imported in: the same sheets, title and header rows, column order and
 * merges, each data row at its original row number; corrected cells filled yellow with the old value in a note; and a
 * 修改记录 sheet. Streamed, so that a county-size ledger does not sit in memory.
 */
export async function writeCorrectedLedger(db: Db, source: SourceRow, file: string, masking: Masking, village: string | null): Promise<number> {
  const wb = new (await loadExcelJs()).stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  wb.creator = '对账';
  wb.title = `${LEDGER_KIND_BY_ID.get(source.kind)?.label ?? source.kind}（已更正）`;
  const corrected = correctedCells(db, source.id);
  let rows = 0;
  for (const sheet of source.sheets) rows += await writeSheet(db, wb, source, sheet, masking, corrected, village);
  writeChangeLog(db, wb, source, masking);
  await wb.commit();
  return rows;
}
