import * as XLSX from 'xlsx';
import type { FileFormat } from './sniff';

/** One sheet as text cells, merged ranges filled with their top-left value. */
export interface SheetGrid {
  name: string;
  /** rows[r][c]: the cell's text exactly as read ('' for empty); r and c are 0-based. */
  rows: string[][];
  /** True for cells that got their value from a merged range rather than holding it themselves. */
  mergedFrom: ReadonlySet<string>;
  /** Merged ranges as [firstRow, firstCol, lastRow, lastCol], 0-based. */
  merges: [number, number, number, number][];
  /**
   * Number cells too long for Excel's 15 significant digits ("r:c"): an ID typed into one lost its last digits, even
   * when what is left happens to pass the checksum.
   */
  imprecise: ReadonlySet<string>;
  /**
   * A sheet too large to hold is read twice: `rows` are its first rows only (enough to find and show the header), and
   * the import reads all of its rows again from the file as it writes them.
   */
  streamed: StreamedSheet | null;
}

export interface StreamedSheet {
  /** The worksheet's part in the xlsx archive. */
  part: string;
  /** Rows holding cells, for progress. */
  rowCount: number;
}

export interface Workbook {
  format: FileFormat;
  encoding: string | null;
  sheets: SheetGrid[];
  /** The file's bytes, kept while a sheet is streamed from them. */
  source: Uint8Array | null;
}

/** Excel's own limits: a larger sheet or cell did not come from Excel or WPS and is refused. */
export const MAX_ROWS = 1_048_576;
export const MAX_CELL_CHARS = 32_767;

/** A number cell as text: a date-formatted one as an ISO date, as Excel shows it; any other with every digit it holds. */
export function numberText(v: number, format: string | undefined, date1904: boolean): string {
  if (typeof format === 'string' && XLSX.SSF.is_date(format)) {
    const d = XLSX.SSF.parse_date_code(v, { date1904 }) as { y: number; m: number; d: number } | null;
    if (d) return `${d.y}-${String(d.m).padStart(2, '0')}-${String(d.d).padStart(2, '0')}`;
  }
  // Integers below 1e21 print without exponent, so a damaged 18-digit ID keeps every digit the file holds.
  return String(v);
}

/** One row of a sheet as the import reads it; `merged` and `imprecise` list column indexes. */
export interface SheetRow {
  index: number;
  cells: string[];
  merged: number[];
  imprecise: number[];
}

function byRow(keys: ReadonlySet<string>): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const key of keys) {
    const [r, c] = key.split(':').map(Number) as [number, number];
    const columns = out.get(r);
    if (columns) columns.push(c);
    else out.set(r, [c]);
  }
  return out;
}

/** A held grid's rows from `from` to before `to`, as a streamed sheet's come. */
export function* gridRows(grid: SheetGrid, from = 0, to = grid.rows.length): Generator<SheetRow> {
  const merged = byRow(grid.mergedFrom);
  const imprecise = byRow(grid.imprecise);
  for (let r = from; r < Math.min(to, grid.rows.length); r++) {
    yield { index: r, cells: grid.rows[r] ?? [], merged: merged.get(r) ?? [], imprecise: imprecise.get(r) ?? [] };
  }
}
