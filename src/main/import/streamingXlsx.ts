import path from 'node:path';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import * as XLSX from 'xlsx';
import { badInput, UserError } from '../errors';
import { MAX_ROWS, numberText, type SheetGrid, type SheetRow, type Workbook } from './sheetGrid';
import { entryBytes, entryChunks, zipEntries, type ZipEntry } from './zipArchive';
import { IMPORT_MESSAGES } from './messages';

/**
 * An xlsx workbook read row by row, for sheets too large for SheetJS's whole-workbook model and for workbooks whose dates
 * SheetJS would read as numbers (Chinese built-in formats). Cells read as SheetJS reads them (the parity test holds the
 * two readers to the same grids): shared and inline strings without phonetic runs, `_xHHHH_` escapes decoded, numbers
 * in date formats as ISO dates by SheetJS's own format tables.
 */

type Merge = [number, number, number, number];

interface ZipFile {
  bytes: Uint8Array;
  entries: Map<string, ZipEntry>;
}

interface XlsxBook {
  bytes: Uint8Array;
  sheets: { name: string; part: ZipEntry | null }[];
  strings: string[];
  /** Number format of each cell style (cellXfs), by index. */
  formats: (string | undefined)[];
  date1904: boolean;
}

/** Rows kept of a streamed sheet for its plan: the header search looks at 30, the preview at 10 more. */
const HEAD_ROWS = 100;
const MAX_COLUMNS = 16_384;

const localName = (name: string): string => name.slice(name.indexOf(':') + 1);
const CODE_ESCAPE = /_x([\da-fA-F]{4})_/g;
const decodeCodes = (text: string): string =>
  text.includes('_x') ? text.replace(CODE_ESCAPE, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;

// Unprefixed attributes are in no namespace, also on prefixed elements (<x:c r="A1">): they are looked up by name.
const attribute = (tag: SaxesTagPlain, name: string): string | undefined => tag.attributes[name];

interface XmlHandlers {
  open: (name: string, tag: SaxesTagPlain) => void;
  text?: (text: string) => void;
  close?: (name: string) => void;
}

function xmlParser(handlers: XmlHandlers): SaxesParser {
  const parser = new SaxesParser();
  parser.on('opentag', (tag) => handlers.open(localName(tag.name), tag));
  const { text, close } = handlers;
  if (text) {
    parser.on('text', text);
    parser.on('cdata', text);
  }
  if (close) parser.on('closetag', (tag) => close(localName(tag.name)));
  return parser;
}

function parsePart(book: ZipFile, part: string, handlers: XmlHandlers): void {
  const entry = book.entries.get(part);
  if (!entry) return;
  xmlParser(handlers).write(new TextDecoder().decode(entryBytes(book.bytes, entry))).close();
}

/** The parts a part's relationships name, by type (the last segment of its URI) and by id. */
function relationships(book: ZipFile, part: string): { type: string; id: string; target: string }[] {
  const dir = path.posix.dirname(part);
  const rels = `${dir === '.' ? '' : `${dir}/`}_rels/${path.posix.basename(part)}.rels`;
  const out: { type: string; id: string; target: string }[] = [];
  parsePart(book, rels, {
    open: (name, tag) => {
      const target = attribute(tag, 'Target');
      if (name !== 'Relationship' || !target || attribute(tag, 'TargetMode') === 'External') return;
      const resolved = target.startsWith('/') ? target.slice(1) : path.posix.normalize(path.posix.join(dir, target));
      out.push({ type: (attribute(tag, 'Type') ?? '').split('/').at(-1) ?? '', id: attribute(tag, 'Id') ?? '', target: resolved });
    },
  });
  return out;
}

function sharedStrings(book: ZipFile, part: string | undefined): string[] {
  const strings: string[] = [];
  if (!part) return strings;
  let text = '';
  let inText = false;
  let phonetic = false;
  parsePart(book, part, {
    open: (name) => {
      if (name === 'si') text = '';
      else if (name === 't') inText = true;
      else if (name === 'rPh') phonetic = true;
    },
    text: (t) => {
      if (inText && !phonetic) text += t;
    },
    close: (name) => {
      if (name === 'si') strings.push(decodeCodes(text));
      else if (name === 't') inText = false;
      else if (name === 'rPh') phonetic = false;
    },
  });
  return strings;
}

/**
 * The date formats Chinese Excel and WPS number without writing them into the file (ECMA-376 §18.8.30, zh-CN), e.g. 31
 * for 1990年1月1日. SheetJS's table lacks them, so it reads such a cell as its serial number (32874). The time-only ones
 * (32–35, 55, 56) are left out: they stay numbers.
 */
const CHINESE_DATE_FORMATS: Readonly<Record<number, string>> = {
  27: 'yyyy"年"m"月"', 28: 'm"月"d"日"', 29: 'm"月"d"日"', 30: 'm-d-yy', 31: 'yyyy"年"m"月"d"日"', 36: 'yyyy"年"m"月"',
  50: 'yyyy"年"m"月"', 51: 'm"月"d"日"', 52: 'yyyy"年"m"月"', 53: 'm"月"d"日"', 54: 'm"月"d"日"', 57: 'yyyy"年"m"月"', 58: 'm"月"d"日"',
};

/** SheetJS's built-in formats, copied before any read: each read loads its file's own formats into the live table. */
const BUILT_IN_FORMATS: Readonly<Record<number, string | undefined>> = { ...(XLSX.SSF.get_table() as Record<number, string>) };

/**
 * Each cell style's number format: the workbook's own, else a built-in one (SheetJS's table, then the Chinese dates it
 * lacks); and whether a style uses one of those, which SheetJS would read as a number.
 */
function cellFormats(book: ZipFile, part: string | undefined): { formats: (string | undefined)[]; chineseDates: boolean } {
  const custom = new Map<number, string>();
  const styleFormats: number[] = [];
  let inCellXfs = false;
  if (part) {
    parsePart(book, part, {
      open: (name, tag) => {
        if (name === 'numFmt') custom.set(Number(attribute(tag, 'numFmtId')), attribute(tag, 'formatCode') ?? '');
        else if (name === 'cellXfs') inCellXfs = true;
        else if (name === 'xf' && inCellXfs) styleFormats.push(Number(attribute(tag, 'numFmtId') ?? 0));
      },
      close: (name) => {
        if (name === 'cellXfs') inCellXfs = false;
      },
    });
  }
  return {
    formats: styleFormats.map((id) => custom.get(id) ?? BUILT_IN_FORMATS[id] ?? CHINESE_DATE_FORMATS[id]),
    chineseDates: styleFormats.some((id) => !custom.has(id) && BUILT_IN_FORMATS[id] === undefined && CHINESE_DATE_FORMATS[id] !== undefined),
  };
}

/**
 * The workbook's sheets, shared strings and styles; null when it is not a workbook this reader walks, or (to leave it to
 * SheetJS) when no worksheet is over `streamAbove` bytes and SheetJS would read its dates right.
 */
function openBook(bytes: Uint8Array, entries: Map<string, ZipEntry>, streamAbove: number): XlsxBook | null {
  const zip = { bytes, entries };
  const workbookPart = relationships(zip, '').find((r) => r.type === 'officeDocument')?.target ?? 'xl/workbook.xml';
  if (!entries.has(workbookPart) || !workbookPart.endsWith('.xml')) return null;
  const rels = relationships(zip, workbookPart);
  const byId = new Map(rels.map((r) => [r.id, r]));
  const sheets: XlsxBook['sheets'] = [];
  let date1904 = false;
  parsePart(zip, workbookPart, {
    open: (name, tag) => {
      if (name === 'workbookPr') date1904 = ['1', 'true'].includes(attribute(tag, 'date1904') ?? '');
      if (name !== 'sheet') return;
      const id = Object.entries(tag.attributes).find(([key]) => key !== 'sheetId' && localName(key) === 'id')?.[1];
      const rel = id === undefined ? undefined : byId.get(id);
      sheets.push({ name: attribute(tag, 'name') ?? '', part: rel?.type === 'worksheet' ? (entries.get(rel.target) ?? null) : null });
    },
  });
  const styles = cellFormats(zip, rels.find((r) => r.type === 'styles')?.target);
  if (!sheets.some((s) => s.part && s.part.size > streamAbove) && !styles.chineseDates) return null;
  return {
    bytes, sheets, date1904, formats: styles.formats,
    strings: sharedStrings(zip, rels.find((r) => r.type === 'sharedStrings')?.target),
  };
}

/** A cell reference's column, read as SheetJS reads it (letters up to the first other character). */
function columnOf(ref: string): number {
  let c = 0;
  for (let i = 0; i < ref.length; i++) {
    const code = ref.charCodeAt(i) - 64;
    if (code < 1 || code > 26) break;
    c = c * 26 + code;
  }
  return c - 1;
}

interface Cell {
  column: number;
  type: string;
  style: number;
  value: string;
  hasValue: boolean;
}

/** The cell's text as SheetJS gives it, or null for a cell SheetJS does not keep (no value). */
function cellText(book: XlsxBook, cell: Cell): { text: string; imprecise: boolean } | null {
  const v = decodeCodes(cell.value);
  switch (cell.type) {
    case 'n': {
      if (v === '') return null;
      const n = parseFloat(v);
      return { text: numberText(n, book.formats[cell.style], book.date1904), imprecise: Math.abs(n) >= 1e15 };
    }
    case 's':
      return v === '' ? null : { text: book.strings[parseInt(v, 10)] ?? '', imprecise: false };
    case 'b':
      return { text: v === '1' || v.toLowerCase() === 'true' ? 'TRUE' : 'FALSE', imprecise: false };
    case 'd': {
      const serial = (Date.parse(v) - Date.UTC(1899, 11, 30)) / 86_400_000;
      return { text: Number.isNaN(serial) ? v : numberText(serial, book.formats[cell.style], book.date1904), imprecise: false };
    }
    case 'str':
    case 'inlineStr':
    case 'e':
      return { text: v, imprecise: false };
    default:
      return cell.hasValue ? { text: v, imprecise: false } : null;
  }
}

/** Damage found while reading a row (0-based; -1 before the first). */
class RowDamage extends Error {
  constructor(readonly row: number, cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
  }
}

/** The rows of a worksheet as they are parsed, without merges. */
function* parsedRows(book: XlsxBook, entry: ZipEntry): Generator<SheetRow> {
  const ready: SheetRow[] = [];
  let row: SheetRow | null = null;
  let rowIndex = -1;
  let column = -1;
  let cell: Cell | null = null;
  let inValue = false;
  let inText = false;
  let phonetic = false;
  const parser = xmlParser({
    open: (name, tag) => {
      switch (name) {
        case 'row': {
          const r = attribute(tag, 'r');
          rowIndex = r === undefined ? rowIndex + 1 : parseInt(r, 10) - 1;
          column = -1;
          row = { index: rowIndex, cells: [], merged: [], imprecise: [] };
          break;
        }
        case 'c': {
          const ref = attribute(tag, 'r');
          column = ref === undefined ? column + 1 : columnOf(ref);
          cell = { column, type: attribute(tag, 't') ?? 'n', style: Number(attribute(tag, 's') ?? 0), value: '', hasValue: false };
          break;
        }
        case 'v':
          if (cell) inValue = cell.hasValue = true;
          break;
        case 't':
          if (cell) inText = cell.hasValue = true;
          break;
        case 'rPh':
          phonetic = true;
          break;
      }
    },
    text: (t) => {
      if (cell && (inValue || (inText && !phonetic))) cell.value += t;
    },
    close: (name) => {
      switch (name) {
        case 'v':
          inValue = false;
          break;
        case 't':
          inText = false;
          break;
        case 'rPh':
          phonetic = false;
          break;
        case 'c': {
          const read = cell && row && cell.column < MAX_COLUMNS ? cellText(book, cell) : null;
          if (read && row && cell) {
            row.cells[cell.column] = read.text;
            if (read.imprecise) row.imprecise.push(cell.column);
          }
          cell = null;
          break;
        }
        case 'row':
          if (row && row.cells.length > 0) ready.push(row);
          row = null;
          break;
      }
    },
  });
  const decoder = new TextDecoder();
  try {
    for (const chunk of entryChunks(book.bytes, entry)) {
      parser.write(decoder.decode(chunk, { stream: true }));
      for (const r of ready) yield r;
      ready.length = 0;
    }
    parser.write(decoder.decode()).close();
  } catch (error) {
    // Bad deflate data or bad XML: the row being read is where the file is damaged.
    throw new RowDamage(rowIndex, error);
  }
  for (const r of ready) yield r;
}

/**
 * A worksheet's rows with merged ranges filled from their top-left cell, as `toGrid` fills SheetJS's; rows inside a
 * merge that hold no cell of their own come out too.
 */
function* mergedRows(rows: Iterable<SheetRow>, merges: readonly Merge[]): Generator<SheetRow> {
  const pending = [...merges].sort((a, b) => a[0] - b[0]);
  let next = 0;
  let active: { merge: Merge; value: string }[] = [];
  const fill = (row: SheetRow): SheetRow => {
    active = active.filter((a) => a.merge[2] >= row.index);
    for (; next < pending.length && (pending[next] as Merge)[0] <= row.index; next++) {
      const merge = pending[next] as Merge;
      if (merge[2] >= row.index) active.push({ merge, value: merge[0] === row.index ? (row.cells[merge[1]] ?? '') : '' });
    }
    for (const { merge, value } of active) {
      if (value === '') continue;
      const last = Math.min(merge[3], merge[1] + MAX_COLUMNS - 1);
      for (let c = merge[1]; c <= last; c++) {
        if (row.index === merge[0] && c === merge[1]) continue;
        if ((row.cells[c] ?? '') === '') {
          row.cells[c] = value;
          row.merged.push(c);
        }
      }
    }
    for (let c = 0; c < row.cells.length; c++) row.cells[c] ??= '';
    return row;
  };
  let previous = -1;
  for (const row of rows) {
    for (let gap = previous + 1; gap < row.index && active.some((a) => a.value !== '' && a.merge[2] >= gap); gap++) {
      const filled = fill({ index: gap, cells: [], merged: [], imprecise: [] });
      if (filled.cells.length > 0) yield filled;
    }
    previous = row.index;
    yield fill(row);
  }
}

/** What a pass over the raw XML finds without parsing it: the merged ranges (after the rows) and the rows. */
function scanSheet(book: XlsxBook, entry: ZipEntry): { merges: Merge[]; rowCount: number; lastRow: number } {
  const merges: Merge[] = [];
  let rowCount = 0;
  let lastRow = -1;
  const tags = /<(?:[\w.-]+:)?(row|mergeCell)\b([^>]*)>/g;
  const decoder = new TextDecoder('latin1');
  let carry = '';
  const scan = (text: string) => {
    for (const m of text.matchAll(tags)) {
      const attrs = m[2] ?? '';
      if (m[1] === 'row') {
        rowCount++;
        const r = /\br="(\d+)"/.exec(attrs)?.[1];
        lastRow = r === undefined ? lastRow + 1 : Math.max(lastRow, parseInt(r, 10) - 1);
      } else {
        const range = /\bref="([A-Z]+\d+)(?::([A-Z]+\d+))?"/i.exec(attrs);
        if (!range?.[1]) continue;
        const s = XLSX.utils.decode_cell(range[1].toUpperCase());
        const e = range[2] ? XLSX.utils.decode_cell(range[2].toUpperCase()) : s;
        merges.push([s.r, s.c, e.r, e.c]);
      }
    }
  };
  for (const chunk of entryChunks(book.bytes, entry)) {
    const text = carry + decoder.decode(chunk);
    const cut = text.lastIndexOf('<');
    scan(text.slice(0, cut));
    carry = text.slice(cut);
  }
  scan(carry);
  return { merges, rowCount, lastRow };
}

/** A clerk's error for damage found in a file, on a sheet and at a row (0-based) where they are known. */
function damaged(error: unknown, fileName: string, sheet?: string, row?: number): UserError {
  if (error instanceof UserError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return badInput(IMPORT_MESSAGES.damaged(message), {
    file: fileName, ...(sheet === undefined ? {} : { sheet }), ...(row === undefined ? {} : { row: row + 1 }),
  });
}

/**
 * Every row of one worksheet, merges filled; damage found on the way fails with the row it was found at. Rows past
 * Excel's last row were refused when the sheet was scanned.
 */
function* worksheetRows(book: XlsxBook, entry: ZipEntry, merges: readonly Merge[], fileName: string, sheet: string): Generator<SheetRow> {
  try {
    yield* mergedRows(parsedRows(book, entry), merges);
  } catch (error) {
    throw damaged(error, fileName, sheet, error instanceof RowDamage && error.row >= 0 ? error.row : undefined);
  }
}

function gridOf(name: string, rows: Iterable<SheetRow>, merges: Merge[], streamed: SheetGrid['streamed'], limit = Infinity): SheetGrid {
  const grid: string[][] = [];
  const mergedFrom = new Set<string>();
  const imprecise = new Set<string>();
  for (const row of rows) {
    if (row.index >= limit) break;
    while (grid.length < row.index) grid.push([]);
    grid.push(row.cells);
    for (const c of row.merged) mergedFrom.add(`${row.index}:${c}`);
    for (const c of row.imprecise) imprecise.add(`${row.index}:${c}`);
  }
  return { name, rows: grid, mergedFrom, merges, imprecise, streamed };
}

function openedBook(bytes: Uint8Array, entries: Map<string, ZipEntry>, fileName: string, streamAbove: number): XlsxBook | null {
  try {
    return openBook(bytes, entries, streamAbove);
  } catch (error) {
    throw damaged(error, fileName);
  }
}

/**
 * Read an xlsx file that SheetJS cannot read well: a worksheet over `streamAbove` bytes of XML, or dates in Chinese
 * built-in formats. Small sheets are read whole, large ones as their first rows plus what the import needs to read the
 * rest (`streamedRows`). Null for any other file: SheetJS reads it.
 */
export function readStreamingXlsx(bytes: Uint8Array, fileName: string, streamAbove: number): Workbook | null {
  const entries = zipEntries(bytes);
  const book = entries ? openedBook(bytes, entries, fileName, streamAbove) : null;
  if (!book) return null;
  const sheets = book.sheets.map(({ name, part }): SheetGrid => {
    if (!part) return gridOf(name, [], [], null);
    let scanned: ReturnType<typeof scanSheet>;
    try {
      scanned = scanSheet(book, part);
    } catch (error) {
      throw damaged(error, fileName, name);
    }
    if (scanned.lastRow >= MAX_ROWS) {
      throw badInput(IMPORT_MESSAGES.tooManyRows(scanned.lastRow + 1), { file: fileName, sheet: name });
    }
    const rows = worksheetRows(book, part, scanned.merges, fileName, name);
    if (part.size <= streamAbove) return gridOf(name, rows, scanned.merges, null);
    return gridOf(name, rows, scanned.merges, { part: part.name, rowCount: scanned.rowCount }, HEAD_ROWS);
  });
  return { format: 'xlsx', encoding: null, sheets, source: bytes };
}

/** Opens the workbook once for all its streamed sheets; each call reads one sheet's rows from the start. */
export function streamedRows(bytes: Uint8Array, fileName: string): (grid: SheetGrid) => Generator<SheetRow> {
  const entries = zipEntries(bytes);
  // Always opened: the plan already chose to stream.
  const book = entries ? openedBook(bytes, entries, fileName, -1) : null;
  return (grid) => {
    const part = grid.streamed ? entries?.get(grid.streamed.part) : undefined;
    if (!book || !part) throw badInput(IMPORT_MESSAGES.changedSinceRead, { file: fileName, sheet: grid.name });
    return worksheetRows(book, part, grid.merges, fileName, grid.name);
  };
}
