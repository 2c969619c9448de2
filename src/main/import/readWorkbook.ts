import * as XLSX from 'xlsx';
import * as cptable from 'xlsx/dist/cpexcel';
import { badInput, UserError } from '../errors';
import { decodeText } from './decodeText';
import { readStreamingXlsx } from './streamingXlsx';
import { MAX_ROWS, numberText, type SheetGrid, type Workbook } from './sheetGrid';
import { sniffFormat, type FileFormat } from './sniff';
import { IMPORT_MESSAGES } from './messages';

// Without the code pages, legacy workbooks in codepage 936 (GBK) decode to the wrong characters.
XLSX.set_cptable(cptable);

/** Excel's error values by the code SheetJS gives them. */
const ERROR_TEXTS: Record<number, string> = {
  0x00: '#NULL!', 0x07: '#DIV/0!', 0x0f: '#VALUE!', 0x17: '#REF!', 0x1d: '#NAME?', 0x24: '#NUM!', 0x2a: '#N/A', 0x2b: '#GETTING_DATA',
};

function cellText(cell: XLSX.CellObject | undefined, date1904: boolean): string {
  if (cell === undefined || cell.v === undefined || cell.v === null) return '';
  switch (cell.t) {
    case 's':
      return String(cell.v);
    case 'n':
      return numberText(cell.v as number, typeof cell.z === 'string' ? cell.z : undefined, date1904);
    case 'b':
      return cell.v ? 'TRUE' : 'FALSE';
    case 'e':
      return cell.w ?? ERROR_TEXTS[cell.v as number] ?? '#N/A';
    default:
      return String(cell.v);
  }
}

function toGrid(name: string, ws: XLSX.WorkSheet, date1904: boolean): SheetGrid {
  const data = (ws['!data'] as XLSX.CellObject[][] | undefined) ?? [];
  const rows: string[][] = [];
  const imprecise = new Set<string>();
  for (let r = 0; r < data.length; r++) {
    const src = data[r];
    const row: string[] = [];
    if (src) {
      for (let c = 0; c < src.length; c++) {
        const cell = src[c];
        row[c] = cellText(cell, date1904);
        if (cell?.t === 'n' && Math.abs(cell.v as number) >= 1e15) imprecise.add(`${r}:${c}`);
      }
    }
    for (let c = 0; c < row.length; c++) row[c] ??= '';
    rows.push(row);
  }
  const mergedFrom = new Set<string>();
  const merges: SheetGrid['merges'] = [];
  for (const m of (ws['!merges'] as XLSX.Range[] | undefined) ?? []) {
    merges.push([m.s.r, m.s.c, m.e.r, m.e.c]);
    const value = rows[m.s.r]?.[m.s.c] ?? '';
    if (value === '') continue;
    // Clamp to the rows that exist: a merge over a whole column must not allocate a million rows.
    const lastRow = Math.min(m.e.r, rows.length - 1);
    const lastCol = Math.min(m.e.c, m.s.c + 16383);
    for (let r = m.s.r; r <= lastRow; r++) {
      const row = rows[r] ?? (rows[r] = []);
      for (let c = m.s.c; c <= lastCol; c++) {
        if (r === m.s.r && c === m.s.c) continue;
        if ((row[c] ?? '') === '') {
          row[c] = value;
          mergedFrom.add(`${r}:${c}`);
        }
      }
      for (let c = 0; c < row.length; c++) row[c] ??= '';
    }
  }
  return { name, rows, mergedFrom, merges, imprecise, streamed: null };
}

function countLines(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function translateParseError(err: unknown, fileName: string): Error {
  const message = err instanceof Error ? err.message : String(err);
  // SheetJS reads a worksheet's XML (and we a CSV) as one string: past V8's longest string it cannot read it at all.
  if (/string length|string longer than/i.test(message)) return badInput(IMPORT_MESSAGES.fileTooLarge, { file: fileName });
  if (/password|encrypt/i.test(message)) {
    return badInput(IMPORT_MESSAGES.encrypted, { file: fileName });
  }
  if (/zip|central directory|end of data|corrupt|unsupported|invalid|cannot find|not a/i.test(message)) {
    return badInput(IMPORT_MESSAGES.damaged(message), { file: fileName });
  }
  return badInput(IMPORT_MESSAGES.unreadable(message), { file: fileName });
}

/**
 * Worksheets larger than this (uncompressed XML) are streamed: SheetJS holds a whole workbook as cell objects, 2.5 GB and
 * 38 s for a county's 475 MB national export, where the streaming reader peaks at 600 MB and takes 5 s to plan and 17 s
 * to read every row (measured).
 */
export const STREAM_PART_BYTES = 64 * 1024 * 1024;

/** Parse a file's bytes into text grids, one per sheet; never coerces IDs, phones or dates. */
export function readWorkbook(bytes: Uint8Array, fileName: string, streamAbove = STREAM_PART_BYTES): Workbook {
  const format = sniffFormat(bytes, fileName);
  return (format === 'xlsx' ? readStreamingXlsx(bytes, fileName, streamAbove) : null) ?? readWithSheetJs(bytes, fileName, format);
}

/** A file as SheetJS reads it: every format, but for the xlsx files `readStreamingXlsx` takes. */
export function readWithSheetJs(bytes: Uint8Array, fileName: string, format: FileFormat = sniffFormat(bytes, fileName)): Workbook {
  let wb: XLSX.WorkBook;
  let encoding: string | null = null;
  try {
    if (format === 'csv' || format === 'html') {
      const decoded = decodeText(bytes);
      encoding = decoded.encoding;
      const lines = countLines(decoded.text);
      if (lines > MAX_ROWS) {
        throw badInput(IMPORT_MESSAGES.tooManyLines(lines), { file: fileName });
      }
      // raw: every CSV cell stays text, so 530523199003071234 is not turned into a float.
      wb = XLSX.read(decoded.text, { type: 'string', raw: true, dense: true, cellHTML: false });
    } else {
      wb = XLSX.read(bytes, {
        type: 'buffer', dense: true, cellNF: true, cellText: false, cellHTML: false, cellFormula: false,
        // One row past the limit is enough to tell a runaway sheet, without building a million more cells.
        sheetRows: MAX_ROWS + 1,
      });
    }
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw translateParseError(err, fileName);
  }
  return { format, encoding, sheets: sheetGrids(wb, fileName), source: null };
}

/** Every sheet of a parsed workbook as a text grid; a sheet SheetJS lists but could not read fails the whole file. */
export function sheetGrids(wb: XLSX.WorkBook, fileName: string): SheetGrid[] {
  if (wb.SheetNames.length === 0) throw badInput(IMPORT_MESSAGES.noSheets, { file: fileName });
  const sheets: SheetGrid[] = [];
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name];
    // A sheet over V8's longest string is listed, but SheetJS returns nothing for it.
    if (!ws) throw badInput(IMPORT_MESSAGES.sheetTooLarge, { file: fileName, sheet: name });
    const rowCount = ((ws['!data'] as unknown[] | undefined) ?? []).length;
    if (rowCount > MAX_ROWS) {
      throw badInput(IMPORT_MESSAGES.tooManyRows(rowCount), { file: fileName, sheet: name });
    }
    sheets.push(toGrid(name, ws, wb.Workbook?.WBProps?.date1904 === true));
  }
  return sheets;
}
