import type { ImportOutcome, JobRequest, PreviewOutcome } from '../../shared/api/contract';
import { isLedgerKindId } from '../../shared/domain/ledgerKinds';
import { carriedSummary } from '../corrections/carryCorrections';
import { UserError } from '../errors';
import { commitImport, type ImportProgress } from '../import/commitImport';
import { MAX_FILE_BYTES } from '../import/importFile';
import type { PlanJob, Planner } from '../import/planAhead';
import type { ImportPlan, PlanOptions } from '../import/planImport';
import type { Db } from '../workspace/workspace';
import { API_MESSAGES } from './messages';

/** Files the desk sends (base64 in the contract) turned into imports. */

export type Upload = Extract<JobRequest, { kind: 'import' }>['files'][number];

export function decodeFile(file: { name: string; data: string }): Buffer {
  const bytes = Buffer.from(file.data, 'base64');
  if (bytes.length > MAX_FILE_BYTES) throw new UserError('BAD_INPUT', API_MESSAGES.uploadTooBig(file.name, MAX_FILE_BYTES / 1048576));
  return bytes;
}

/** The clerk's choices for one file: its ledger kind, and the columns they mapped by hand. */
export const planOptions = ({ kind, map }: Upload): PlanOptions => ({
  ...(kind && isLedgerKindId(kind) ? { kind } : {}), ...(map && Object.keys(map).length > 0 ? { overrides: map } : {}),
});

/** What the planner reads of an uploaded file. */
export const planJobOf = (f: Upload): PlanJob => ({ bytes: decodeFile(f), name: f.name, options: planOptions(f) });

/** A file the clerk must fix is an outcome that says why; anything else is the program's failure. */
function refusal(f: Upload, error: unknown): { file: string; ok: false; message: string } {
  if (error instanceof UserError) return { file: f.name, ok: false, message: error.message };
  throw error;
}

/**
 * Import one uploaded file from its plan (made ahead, on another thread); a file the clerk must fix is an outcome, not
 * an exception, so the others still land.
 */
export async function importUpload(db: Db, f: Upload, plan: Promise<ImportPlan>, onProgress: (p: ImportProgress) => void): Promise<ImportOutcome> {
  try {
    const report = commitImport(db, await plan, onProgress);
    return {
      file: f.name, ok: true, kind: report.kindLabel, rows: report.rowsImported,
      message: API_MESSAGES.imported(report, report.carried ? carriedSummary(report.carried) : null),
      skipped: report.skipped.map((s) => ({ sheet: s.sheet, row: s.row, reason: s.reason })),
    };
  } catch (error) {
    return refusal(f, error);
  }
}

/** The mapping preview of one uploaded file, read on the planner's thread; a file the clerk must fix is an outcome too. */
export async function previewUpload(planner: Planner, f: Upload): Promise<PreviewOutcome> {
  try {
    const p = await planner.preview(planJobOf(f));
    return {
      file: f.name, ok: true, message: API_MESSAGES.recognisedAs(p.kindLabel), kind: p.kind, kindLabel: p.kindLabel, usedTemplate: p.usedTemplate,
      sheets: p.sheets.map((s) => ({ name: s.sheet, headerRows: s.headerRows, village: s.village, columns: s.columns, sample: s.sample, warnings: s.warnings })),
    };
  } catch (error) {
    return refusal(f, error);
  }
}
