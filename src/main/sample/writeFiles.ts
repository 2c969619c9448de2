import fs from 'node:fs';
import iconv from 'iconv-lite';
import * as XLSX from 'xlsx';
import type { GridCell, GridSheet } from './grid';

export type SampleFormat = 'xlsx' | 'xls' | 'csv-gbk' | 'csv-utf8-bom' | 'csv-utf8';

/** Above this many rows a sheet is streamed: as SheetJS cell objects a county-size sheet would take gigabytes. */
const STREAM_ROWS = 100_000;

/**
 * Large sheets through ExcelJS's streaming writer. Its mergeCells checks each merge against all earlier ones, so
 * merged layouts go through SheetJS instead (they are split into volumes and stay small).
 */
async function writeXlsxStreaming(file: string, sheets: readonly GridSheet[]): Promise<void> {
  // Loaded on demand: ExcelJS takes a second to load and only county-size sheets need it.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: true });
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheet.name);
    for (const m of sheet.merges) ws.mergeCells(m.s.r + 1, m.s.c + 1, m.e.r + 1, m.e.c + 1);
    for (const cells of sheet.rows) {
      const row = ws.addRow(cells.map((c) => c ?? null));
      cells.forEach((c, i) => { if (c instanceof Date) row.getCell(i + 1).numFmt = 'yyyy-mm-dd'; });
      row.commit();
    }
    ws.commit();
  }
  await wb.commit();
}

/** .xlsx, or legacy BIFF8 (.xls, and WPS .et, which is the same container), through SheetJS. */
function writeWithSheetJs(file: string, sheets: readonly GridSheet[], bookType: 'xlsx' | 'biff8'): void {
  const wb = XLSX.utils.book_new();
  for (const sheet of sheets) {
    const ws = XLSX.utils.aoa_to_sheet(sheet.rows, { cellDates: true, dense: true, dateNF: 'yyyy-mm-dd' });
    ws['!merges'] = sheet.merges.map((m) => ({ s: { ...m.s }, e: { ...m.e } }));
    XLSX.utils.book_append_sheet(wb, ws, sheet.name);
  }
  fs.writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType, compression: true }) as Buffer);
}

function csvCell(c: GridCell): string {
  const text = c instanceof Date ? c.toISOString().slice(0, 10) : c === null ? '' : String(c);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function writeCsv(file: string, sheet: GridSheet, format: 'csv-gbk' | 'csv-utf8-bom' | 'csv-utf8'): void {
  const text = sheet.rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
  if (format === 'csv-gbk') fs.writeFileSync(file, iconv.encode(text, 'gbk'));
  else fs.writeFileSync(file, (format === 'csv-utf8-bom' ? '\ufeff' : '') + text, 'utf8');
}

export async function writeSheets(file: string, format: SampleFormat, sheets: readonly GridSheet[]): Promise<void> {
  if (format === 'xlsx') {
    const large = sheets.some((s) => s.rows.length > STREAM_ROWS);
    return large ? writeXlsxStreaming(file, sheets) : writeWithSheetJs(file, sheets, 'xlsx');
  }
  if (format === 'xls') return writeWithSheetJs(file, sheets, 'biff8');
  const [first] = sheets;
  if (first) writeCsv(file, first, format);
}
