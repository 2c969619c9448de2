import { LEDGER_KIND_BY_ID } from '../../shared/domain/ledgerKinds';
import { carryCorrections, pendingCorrections, type CarriedCorrections } from '../corrections/carryCorrections';
import type { Db } from '../workspace/workspace';
import { extractRecords, type SkippedRow } from './extractRecords';
import { streamedRows } from './streamingXlsx';
import { assertWritable, type ImportPlan } from './planImport';
import { gridRows, type SheetGrid, type SheetRow } from './sheetGrid';
import { IMPORT_MESSAGES } from './messages';
import {
  completeSource, deleteSource, digester, findPreviousSource, insertSource, recordDigests, recordInserter, saveTemplate,
  type SheetSummary,
} from './store';

export interface ImportProgress {
  file: string;
  /** Rows read below the header, of about `total` (a streamed sheet's count comes from its tags); the last report is exact. */
  done: number;
  total: number;
}

export interface ImportReport {
  sourceId: number;
  fileName: string;
  kind: string;
  kindLabel: string;
  format: string;
  encoding: string | null;
  sheets: SheetSummary[];
  skippedSheets: ImportPlan['skippedSheets'];
  warnings: string[];
  rowsImported: number;
  skipped: SkippedRow[];
  /** Present when this import replaced an earlier import of the same ledger. */
  replaced: { sourceId: number; added: number; removed: number; changed: number } | null;
  /** Present when the replaced import had corrections: what became of them in the new file. */
  carried: CarriedCorrections | null;
}

const PROGRESS_EVERY = 2000;

function compare(before: Map<string, string>, after: Map<string, string>) {
  let added = 0;
  let changed = 0;
  for (const [key, digest] of after) {
    const old = before.get(key);
    if (old === undefined) added++;
    else if (old !== digest) changed++;
  }
  let removed = 0;
  for (const key of before.keys()) if (!after.has(key)) removed++;
  return { added, removed, changed };
}

/** Every field some sheet maps, plus the village, which rows inherit from the sheet name or title. */
function sourceFields(plan: ImportPlan): string[] {
  const fields = new Set<string>(['village']);
  for (const s of plan.sheets) for (const c of s.columns) if (c.field !== null && c.field !== 'seq') fields.add(c.field);
  return [...fields];
}

/** Each sheet's rows: held in the plan, or read again from the file for a sheet too large to hold. */
function rowSource(plan: ImportPlan): (grid: SheetGrid) => Iterable<SheetRow> {
  const streamed = plan.source ? streamedRows(plan.source, plan.fileName) : null;
  return (grid) => (grid.streamed && streamed ? streamed(grid) : gridRows(grid));
}

/**
 * Write a planned import in one transaction: the earlier import of the same ledger is replaced, the new source and
 * its records land together, or (on any error or a killed process) nothing changes. Records are written as they are
 * read, so that a county's file is never held as records.
 */
export function commitImport(db: Db, plan: ImportPlan, onProgress: (p: ImportProgress) => void = () => {}): ImportReport {
  assertWritable(plan);
  const fillDown = LEDGER_KIND_BY_ID.get(plan.kind)?.roll ?? false;
  const fields = sourceFields(plan);
  const rowsOf = rowSource(plan);
  const total = plan.sheets.reduce((n, s) => n + Math.max(0, (s.grid.streamed?.rowCount ?? s.grid.rows.length) - s.headerBottom - 1), 0);
  const write = db.transaction(() => {
    const previous = findPreviousSource(db, plan.kind, plan.fileName);
    const pending = previous === null ? [] : pendingCorrections(db, previous);
    const before = previous === null ? null : recordDigests(db, previous);
    if (previous !== null) deleteSource(db, previous);
    const sourceId = insertSource(db, { kind: plan.kind, fileName: plan.fileName, sha256: plan.sha256, format: plan.format, encoding: plan.encoding });
    const insert = recordInserter(db, sourceId, fields);
    const after = new Map<string, string>();
    const digest = before ? digester(fields, after) : null;
    const skipped: SkippedRow[] = [];
    const sheets: SheetSummary[] = [];
    let read = 0;
    // Progress counts the rows read, kept or skipped, so that a sheet of mostly skipped rows moves the bar too.
    function* counted(rows: Iterable<SheetRow>, headerBottom: number): Generator<SheetRow> {
      for (const row of rows) {
        if (row.index > headerBottom && ++read % PROGRESS_EVERY === 0) onProgress({ file: plan.fileName, done: read, total: Math.max(total, read) });
        yield row;
      }
    }
    for (const s of plan.sheets) {
      let rows = 0;
      const sheetRows = counted(rowsOf(s.grid), s.headerBottom);
      for (const record of extractRecords(sheetRows, s.grid.name, s.headerBottom, s.columns, { fields, fillDown, defaultVillage: s.village }, skipped)) {
        insert(record);
        digest?.(record);
        rows++;
      }
      const preamble = s.grid.rows
        .slice(0, s.headerBottom + 1)
        .map((row, r) => row.map((cell, c) => (s.grid.mergedFrom.has(`${r}:${c}`) ? '' : cell)));
      sheets.push({
        name: s.grid.name, headerRows: [s.headerTop + 1, s.headerBottom + 1], village: s.village, rows, columns: s.columns, preamble,
        merges: s.grid.merges,
      });
    }
    const rowCount = sheets.reduce((n, sheet) => n + sheet.rows, 0);
    completeSource(db, sourceId, { sheets, rowCount, skipped });
    onProgress({ file: plan.fileName, done: read, total: read });
    if (plan.userCorrected) {
      for (const s of plan.sheets) saveTemplate(db, s.signature, { kind: plan.kind, columns: s.columns.map((c) => c.field) });
    }
    const replaced = previous === null || before === null ? null : { sourceId: previous, ...compare(before, after) };
    const carried = pending.length > 0 ? carryCorrections(db, sourceId, plan.fileName, pending) : null;
    return { sourceId, replaced, carried, sheets, rowCount, skipped };
  });
  const { sourceId, replaced, carried, sheets, rowCount, skipped } = write();
  return {
    sourceId, fileName: plan.fileName, kind: plan.kind, kindLabel: LEDGER_KIND_BY_ID.get(plan.kind)?.label ?? plan.kind,
    format: plan.formatLabel, encoding: plan.encoding, sheets, skippedSheets: plan.skippedSheets,
    warnings: plan.sheets.flatMap((s) => s.warnings.map((w) => IMPORT_MESSAGES.sheetWarning(s.grid.name, w))),
    rowsImported: rowCount, skipped, replaced, carried,
  };
}
