import type ExcelJS from 'exceljs';

/**
 * Merge a range known not to overlap any earlier merge (ranges copied from one imported sheet never do). ExcelJS's
 * streaming mergeCells checks each new range against every earlier one, which is quadratic: 50 s of a 7 000-row card
 * ledger's export went there. The earlier ranges are set aside for the call so the check sees none, then put back.
 * `_merges` is ExcelJS 4's own list; should a later version rename it, this falls back to the checked merge.
 */
export function mergeDisjoint(ws: ExcelJS.Worksheet, top: number, left: number, bottom: number, right: number): void {
  const internal = ws as unknown as { _merges?: unknown };
  const earlier = internal._merges;
  if (!Array.isArray(earlier)) {
    ws.mergeCells(top, left, bottom, right);
    return;
  }
  internal._merges = [];
  try {
    ws.mergeCells(top, left, bottom, right);
  } finally {
    earlier.push(...(internal._merges as unknown[]));
    internal._merges = earlier;
  }
}
