import { LEDGER_KIND_BY_ID } from '../../shared/domain/ledgerKinds';
import { carryCorrections, pendingCorrections, type CarriedCorrections } from '../corrections/carryCorrections';
import type { Db } from '../workspace/workspace';
import { extractRecords, type ExtractedRecord, type SkippedRow } from './extractRecords';
import { assertWritable, type ImportPlan } from './planImport';
import {
  deleteSource, digestsOf, findPreviousSource, insertRecords, insertSource, recordDigests, saveTemplate,
  type SheetSummary,
} from './store';

export interface ImportProgress {
  file: string;
  phase: 'extract' | 'write';
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

/**
 * Write a planned import in one transaction: the earlier import of the same ledger is replaced, the new source and
 * its records land together, or (on any error or a killed process) nothing changes.
 */
export function commitImport(db: Db, plan: ImportPlan, onProgress: (p: ImportProgress) => void = () => {}): ImportReport {
  assertWritable(plan);
  const fillDown = LEDGER_KIND_BY_ID.get(plan.kind)?.roll ?? false;
  const skipped: SkippedRow[] = [];
  const records: ExtractedRecord[] = [];
  const sheets: SheetSummary[] = [];
  const totalRows = plan.sheets.reduce((n, s) => n + s.grid.rows.length - s.headerBottom - 1, 0);
  const fields = sourceFields(plan);
  for (const s of plan.sheets) {
    const extracted = extractRecords(s.grid, s.headerBottom, s.columns, { fields, fillDown, defaultVillage: s.village }, skipped);
    for (const rec of extracted) records.push(rec);
    const preamble = s.grid.rows
      .slice(0, s.headerBottom + 1)
      .map((row, r) => row.map((cell, c) => (s.grid.mergedFrom.has(`${r}:${c}`) ? '' : cell)));
    sheets.push({
      name: s.grid.name, headerRows: [s.headerTop + 1, s.headerBottom + 1], village: s.village, rows: extracted.length,
      columns: s.columns, preamble, merges: s.grid.merges,
    });
    onProgress({ file: plan.fileName, phase: 'extract', done: Math.min(records.length + skipped.length, totalRows), total: totalRows });
  }
  const write = db.transaction(() => {
    const previous = findPreviousSource(db, plan.kind, plan.fileName);
    let replaced: ImportReport['replaced'] = null;
    const pending = previous === null ? [] : pendingCorrections(db, previous);
    if (previous !== null) {
      replaced = { sourceId: previous, ...compare(recordDigests(db, previous), digestsOf(fields, records)) };
      deleteSource(db, previous);
    }
    const sourceId = insertSource(db, {
      kind: plan.kind, fileName: plan.fileName, sha256: plan.sha256, format: plan.format, encoding: plan.encoding,
      sheets, rowCount: records.length, skipped,
    });
    insertRecords(db, sourceId, fields, records, (done) => {
      if (done % PROGRESS_EVERY === 0 || done === records.length) {
        onProgress({ file: plan.fileName, phase: 'write', done, total: records.length });
      }
    });
    if (plan.userCorrected) {
      for (const s of plan.sheets) saveTemplate(db, s.signature, { kind: plan.kind, columns: s.columns.map((c) => c.field) });
    }
    const carried = pending.length > 0 ? carryCorrections(db, sourceId, plan.fileName, pending) : null;
    return { sourceId, replaced, carried };
  });
  const { sourceId, replaced, carried } = write();
  return {
    sourceId, fileName: plan.fileName, kind: plan.kind, kindLabel: LEDGER_KIND_BY_ID.get(plan.kind)?.label ?? plan.kind,
    format: plan.formatLabel, encoding: plan.encoding, sheets, skippedSheets: plan.skippedSheets,
    warnings: plan.sheets.flatMap((s) => s.warnings.map((w) => `工作表“${s.grid.name}”：${w}`)),
    rowsImported: records.length, skipped, replaced, carried,
  };
}
