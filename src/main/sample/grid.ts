/** A sheet laid out as cells, independent of the file format it is written in. */
export type GridCell = string | number | Date | null;

export interface CellRange {
  s: { r: number; c: number };
  e: { r: number; c: number };
}

export interface GridSheet {
  name: string;
  rows: GridCell[][];
  merges: CellRange[];
}
