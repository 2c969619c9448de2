import type ExcelJS from 'exceljs';
import type { Borders, Fill, Font, Worksheet } from 'exceljs';

/** The look every printed export shares: thin borders, bold headers, a merged title, A4 print setup. */

export const THIN: Partial<Borders> = {
  top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' },
};
export const HEADER_FONT: Partial<Font> = { bold: true, name: '宋体', size: 11 };
export const TITLE_FONT: Partial<Font> = { bold: true, name: '宋体', size: 16 };
export const HEADER_FILL: Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
/** Corrected cells of an exported ledger. */
export const CORRECTED_ARGB = 'FFFFFF00';
export const OK_FILL: Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFC6EFCE' } };
export const BAD_FILL: Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
export const UNKNOWN_FILL: Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDEDED' } };

/** A4, fitted to the page width, with the given rows repeated at the top of every printed page. */
export function printSetup(ws: Worksheet, orientation: 'portrait' | 'landscape', repeatRows?: string): void {
  ws.pageSetup = {
    paperSize: 9, orientation, fitToPage: true, fitToWidth: 1, fitToHeight: 0,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    ...(repeatRows ? { printTitlesRow: repeatRows } : {}),
  };
  ws.headerFooter = { oddFooter: '第 &P 页，共 &N 页' };
}

/** Row 1: the title merged across the table's width. */
export function titleRow(ws: Worksheet, title: string, width: number): void {
  ws.mergeCells(1, 1, 1, Math.max(1, width));
  const cell = ws.getCell(1, 1);
  cell.value = title;
  cell.font = TITLE_FONT;
  cell.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 28;
}

/** A bordered header row of bold labels, with column widths. */
export function headerRow(ws: Worksheet, rowNumber: number, columns: readonly { label: string; width: number }[]): void {
  const row = ws.getRow(rowNumber);
  columns.forEach((c, i) => {
    const cell = row.getCell(i + 1);
    cell.value = c.label;
    cell.font = HEADER_FONT;
    cell.fill = HEADER_FILL;
    cell.border = THIN;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    ws.getColumn(i + 1).width = c.width;
  });
}

/** Bordered body cells; text stays text (an ID written as a number would lose its last digits). */
export function bodyRow(ws: Worksheet, rowNumber: number, values: readonly (string | number)[]): void {
  const row = ws.getRow(rowNumber);
  values.forEach((v, i) => {
    const cell = row.getCell(i + 1);
    cell.value = v;
    cell.border = THIN;
    cell.alignment = { vertical: 'middle', wrapText: true };
    if (typeof v === 'string') cell.numFmt = '@';
  });
}

/** ExcelJS on demand: it takes seconds to load, and only exports need it. */
export async function loadExcelJs(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}
