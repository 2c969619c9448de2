import type { ImportOutcome, JobRequest } from '../../shared/api/contract';
import { isLedgerKindId } from '../../shared/domain/ledgerKinds';
import { carriedSummary } from '../corrections/carryCorrections';
import { UserError } from '../errors';
import { commitImport, type ImportProgress } from '../import/commitImport';
import { MAX_FILE_BYTES } from '../import/importFile';
import { planImport, type PlanOptions } from '../import/planImport';
import type { Db } from '../workspace/workspace';

/** Files the desk sends (base64 in the contract) turned into imports. */

export type Upload = Extract<JobRequest, { kind: 'import' }>['files'][number];

export function decodeFile(file: { name: string; data: string }): Buffer {
  const bytes = Buffer.from(file.data, 'base64');
  if (bytes.length > MAX_FILE_BYTES) throw new UserError('BAD_INPUT', `文件“${file.name}”超过上限 512 MB。`);
  return bytes;
}

/** The clerk's choices for one file: its ledger kind, and the columns they mapped by hand. */
export const planOptions = ({ kind, map }: Upload): PlanOptions => ({
  ...(kind && isLedgerKindId(kind) ? { kind } : {}), ...(map && Object.keys(map).length > 0 ? { overrides: map } : {}),
});

/** Import one uploaded file; a file the clerk must fix is an outcome, not an exception, so the others still land. */
export function importUpload(db: Db, f: Upload, onProgress: (p: ImportProgress) => void): ImportOutcome {
  try {
    const report = commitImport(db, planImport(db, decodeFile(f), f.name, planOptions(f)), onProgress);
    return {
      file: f.name, ok: true, kind: report.kindLabel, rows: report.rowsImported,
      message: `${report.kindLabel}：导入 ${report.rowsImported} 行${report.skipped.length ? `，跳过 ${report.skipped.length} 行` : ''}` +
        `${report.replaced ? `（替换上次导入：新增 ${report.replaced.added}，删除 ${report.replaced.removed}，变化 ${report.replaced.changed}）` : ''}` +
        `${report.carried ? `；${carriedSummary(report.carried)}` : ''}`,
      skipped: report.skipped.map((s) => ({ sheet: s.sheet, row: s.row, reason: s.reason })),
    };
  } catch (error) {
    if (error instanceof UserError) return { file: f.name, ok: false, message: error.message };
    throw error;
  }
}
