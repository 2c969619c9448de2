import path from 'node:path';
import { NO_OPERATOR } from '../corrections/messages';
import { EXPORT_KINDS, type ExportKind } from '../../shared/domain/exports';
import { LEDGER_KIND_BY_ID, type LedgerKindId } from '../../shared/domain/ledgerKinds';
import { UserError } from '../errors';
import { listSources } from '../import/store';
import { loadSettings } from '../settings/settings';
import type { Db } from '../workspace/workspace';
import { safeFileName, writeAtomically } from './atomicFile';
import { recordExport } from './exportLog';
import { EXPORT_MESSAGES, FILE_NAMES } from './messages';
import { writeIssueList } from './issueListExport';
import { writeCorrectedLedger } from './ledgerExport';
import { writeNotice } from './noticeExport';
import { writeReadiness } from './readinessExport';
import { writeVerificationSheets } from './verificationSheet';

export interface ExportRequest {
  what: ExportKind;
  outDir: string;
  /** Ledger kind for `ledger` (all ledgers when absent). */
  ledger?: string | null | undefined;
  village?: string | null | undefined;
  /** One household (its key) for `verify`. */
  household?: string | null | undefined;
  /** Full ID numbers, for an internal copy; masked otherwise (公示 lists are always masked). */
  fullIds?: boolean | undefined;
}

export interface ExportResult {
  files: string[];
  rows: number;
}

const stamp = (): string => new Date().toISOString().slice(0, 10).replaceAll('-', '');

function checkRequest(db: Db, req: ExportRequest): void {
  if (!Object.hasOwn(EXPORT_KINDS, req.what)) {
    throw new UserError('BAD_INPUT', EXPORT_MESSAGES.unknownExport(req.what, EXPORT_KINDS));
  }
  if (req.ledger && !LEDGER_KIND_BY_ID.has(req.ledger as LedgerKindId)) throw new UserError('BAD_INPUT', EXPORT_MESSAGES.unknownLedgerKind(req.ledger));
  if (req.village && !db.prepare('SELECT 1 FROM records WHERE village = ? LIMIT 1').get(req.village)) {
    throw new UserError('NOT_FOUND', EXPORT_MESSAGES.noSuchVillage(req.village));
  }
}

/** Write one export into outDir (each file complete or not there at all) and record it in the workspace's export log. */
export async function runExport(db: Db, req: ExportRequest): Promise<ExportResult> {
  checkRequest(db, req);
  const village = req.village ?? null;
  const masking = { fullIds: req.what !== 'notice' && req.fullIds === true };
  const suffix = FILE_NAMES.suffix(village, masking.fullIds, stamp());
  const files: string[] = [];
  let rows = 0;
  const write = async (name: string, writer: (file: string) => Promise<number>): Promise<void> => {
    const file = path.join(req.outDir, safeFileName(name));
    await writeAtomically(file, async (temporary) => { rows += await writer(temporary); });
    files.push(file);
  };
  switch (req.what) {
    case 'ledger': {
      const sources = listSources(db).filter((s) => !req.ledger || s.kind === req.ledger);
      if (sources.length === 0) throw new UserError('NOT_FOUND', EXPORT_MESSAGES.nothingImported(req.ledger ? (LEDGER_KIND_BY_ID.get(req.ledger as LedgerKindId)?.label ?? req.ledger) : null));
      for (const source of sources) {
        const base = source.fileName.replace(/\.[^.]+$/, '');
        await write(FILE_NAMES.ledger(base, suffix), (file) => writeCorrectedLedger(db, source, file, masking, village));
      }
      break;
    }
    case 'issues':
      await write(FILE_NAMES.issues(suffix), (file) => writeIssueList(db, file, masking, village));
      break;
    case 'verify':
      await write(FILE_NAMES.verify(suffix), (file) => writeVerificationSheets(db, file, masking, { village, household: req.household ?? null }));
      break;
    case 'readiness':
      await write(FILE_NAMES.readiness(suffix), (file) => writeReadiness(db, file, village));
      break;
    case 'notice':
      await write(FILE_NAMES.notice(suffix), (file) => {
        const [keepHead, keepTail] = loadSettings(db).noticeMask;
        return writeNotice(db, file, { village, keepHead, keepTail });
      });
      break;
  }
  recordExport(db, {
    what: req.what, options: { ledger: req.ledger ?? null, village, household: req.household ?? null }, files: files.map((f) => path.basename(f)),
    fullIds: masking.fullIds, rows, actor: loadSettings(db).operator || NO_OPERATOR,
  });
  return { files, rows };
}
