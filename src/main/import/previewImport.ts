import { LEDGER_KIND_BY_ID } from '../../shared/domain/ledgerKinds';
import { extractRecords, type SkippedRow } from './extractRecords';
import type { ImportPlan } from './planImport';
import { gridRows } from './sheetGrid';

export interface SheetPreview {
  sheet: string;
  headerRows: [number, number];
  village: string | null;
  columns: ImportPlan['sheets'][number]['columns'];
  /** The first rows as they will be stored: canonical field → normalised value. */
  sample: { row: number; values: Record<string, string | number | null> }[];
  warnings: string[];
}

export interface ImportPreview {
  fileName: string;
  format: string;
  encoding: string | null;
  kind: string;
  kindLabel: string;
  kindGuesses: ImportPlan['kindGuesses'];
  usedTemplate: boolean;
  sheets: SheetPreview[];
  skippedSheets: ImportPlan['skippedSheets'];
}

/** What an import would store, for the user to check and correct before anything is written. */
export function previewImport(plan: ImportPlan, sampleRows = 5): ImportPreview {
  const fillDown = LEDGER_KIND_BY_ID.get(plan.kind)?.roll ?? false;
  const sheets = plan.sheets.map((s): SheetPreview => {
    const fields = [...new Set(['village', ...s.columns.flatMap((c) => (c.field && c.field !== 'seq' ? [c.field] : []))])];
    const head = gridRows(s.grid, 0, s.headerBottom + 1 + sampleRows * 2);
    const skipped: SkippedRow[] = [];
    const records = [...extractRecords(head, s.grid.name, s.headerBottom, s.columns, { fields, fillDown, defaultVillage: s.village }, skipped)];
    return {
      sheet: s.grid.name, headerRows: [s.headerTop + 1, s.headerBottom + 1], village: s.village, columns: s.columns,
      sample: records.slice(0, sampleRows).map((r) => ({ row: r.rowNumber, values: Object.fromEntries(fields.map((f, i) => [f, r.values[i] ?? null])) })),
      warnings: s.warnings,
    };
  });
  return {
    fileName: plan.fileName, format: plan.formatLabel, encoding: plan.encoding, kind: plan.kind,
    kindLabel: LEDGER_KIND_BY_ID.get(plan.kind)?.label ?? plan.kind, kindGuesses: plan.kindGuesses,
    usedTemplate: plan.usedTemplate, sheets, skippedSheets: plan.skippedSheets,
  };
}
