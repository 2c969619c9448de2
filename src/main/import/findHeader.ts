import { headerKey } from '../../shared/text/normalize';
import type { SheetGrid } from './sheetGrid';
import { headerScore } from './mapColumns';

export interface HeaderRegion {
  /** 0-based first and last header rows. */
  top: number;
  bottom: number;
  /** Per column, the distinct texts of the header rows from top to bottom. */
  parts: string[][];
}

export const SCAN_ROWS = 30;
const MAX_HEADER_ROWS = 3;
const MIN_FIELDS = 2;
// Long cells are skipped: no header or ID is that long, and a regex over megabytes of digits overflows the stack.
const looksLikeData = (row: readonly string[]): boolean => row.some((c) => c.length <= 64 && /\d{15,}/.test(c));

/** The header whose last row is `bottom`: rows above belong to it while a vertically merged cell joins them. */
export function headerRegionAt(grid: SheetGrid, bottom: number): HeaderRegion {
  let top = bottom;
  while (top > 0 && bottom - top + 1 < MAX_HEADER_ROWS) {
    const here = grid.rows[top] ?? [];
    const above = grid.rows[top - 1] ?? [];
    const joined = here.some((cell, c) => cell !== '' && grid.mergedFrom.has(`${top}:${c}`) && above[c] === cell);
    if (!joined) break;
    top--;
  }
  const width = Math.max(0, ...grid.rows.slice(top, bottom + 1).map((r) => r.length));
  const parts: string[][] = [];
  for (let c = 0; c < width; c++) {
    const texts: string[] = [];
    for (let r = top; r <= bottom; r++) {
      const text = (grid.rows[r]?.[c] ?? '').trim();
      if (text !== '' && texts[texts.length - 1] !== text) texts.push(text);
    }
    parts.push(texts);
  }
  return { top, bottom, parts };
}

/**
 * Find the header among the first rows: the row naming the most known fields (or headers the user mapped) is its
 * bottom, since a merged group header above copies its vertical cells down and the lowest header row names the most.
 */
export function findHeader(grid: SheetGrid, userHeaders: ReadonlySet<string> = new Set()): HeaderRegion | null {
  let bottom = -1;
  let best = 0;
  const limit = Math.min(grid.rows.length, SCAN_ROWS);
  for (let r = 0; r < limit; r++) {
    const row = grid.rows[r] ?? [];
    if (looksLikeData(row)) continue;
    const score = headerScore(row) + row.filter((c) => c.length <= 40 && userHeaders.has(headerKey(c))).length;
    if (score > best || (score === best && score > 0 && r === bottom + 1)) {
      best = score;
      bottom = r;
    }
  }
  return best < MIN_FIELDS ? null : headerRegionAt(grid, bottom);
}
