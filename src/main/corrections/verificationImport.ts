import path from 'node:path';
import * as XLSX from 'xlsx';
import { VERIFICATION_VERDICTS, type VerificationVerdict } from '../../shared/domain/corrections';
import { FIELD_BY_KEY } from '../../shared/domain/fields';
import { decodeVerifyKey, VERIFY_INPUT_COLUMN, VERIFY_KEY_COLUMN, VERIFY_NOTE_COLUMN, type VerifyKey } from '../../shared/domain/verification';
import { describeLocation } from '../../shared/errors';
import { cleanText, parseFlag } from '../../shared/text/normalize';
import { badInput, UserError } from '../errors';
import { readInputFile } from '../import/importFile';
import { setIssueStatus } from '../rules/issueStore';
import { loadSettings } from '../settings/settings';
import type { Db } from '../workspace/workspace';
import { changeOf, fieldDef, parseCellText, readCells } from './cells';
import type { CellChange } from './correctionLog';
import { commitChanges, sameEntityCells } from './corrections';
import { CORRECTION_MESSAGES, CORRECTION_REASONS, NO_OPERATOR } from './messages';

export interface VerificationImportResult {
  households: number;
  corrections: number;
  verdicts: { issueKey: string; verdict: VerificationVerdict; status: string }[];
  checks: number;
  /** Rows not applied, with where and why. */
  warnings: string[];
}

interface FilledRow {
  sheet: string;
  row: number;
  key: VerifyKey;
  input: string;
  note: string;
}

function readFilledRows(file: string): FilledRow[] {
  const name = path.basename(file);
  let wb: XLSX.WorkBook;
  try {
    wb = XLSX.read(readInputFile(file), { type: 'buffer', dense: true });
  } catch {
    throw badInput(CORRECTION_MESSAGES.notAVerificationSheet, { file: name });
  }
  const rows: FilledRow[] = [];
  for (const sheet of wb.SheetNames) {
    const ws = wb.Sheets[sheet];
    if (!ws) continue;
    const grid = XLSX.utils.sheet_to_json<string[]>(ws, { header: 1, raw: false, defval: '', blankrows: true });
    grid.forEach((cells, i) => {
      const key = decodeVerifyKey(String(cells[VERIFY_KEY_COLUMN - 1] ?? '').trim());
      if (!key) return;
      rows.push({ sheet, row: i + 1, key, input: cleanText(String(cells[VERIFY_INPUT_COLUMN - 1] ?? '')), note: String(cells[VERIFY_NOTE_COLUMN - 1] ?? '').trim() });
    });
  }
  if (rows.length === 0) {
    throw badInput(CORRECTION_MESSAGES.noVerificationKeys, { file: name });
  }
  return rows;
}

const where = (file: string, r: FilledRow, column: number): string =>
  describeLocation({ file, sheet: r.sheet, row: r.row, column: String.fromCharCode(64 + column) });

/**
 * Read back a filled 入户核实表: each 核实值 that differs from the ledgers becomes a correction (reason 入户核实) in every
 * ledger of that person or household, each checklist answer is recorded, and each 核实结论 updates its issue. Everything
 * is checked first and applied in one transaction: a sheet with one unreadable answer changes nothing.
 */
export function importVerification(db: Db, file: string): VerificationImportResult {
  const name = path.basename(file);
  const rows = readFilledRows(file).filter((r) => r.input !== '');
  const warnings: string[] = [];
  const changes = new Map<string, CellChange>();
  const verdicts: { row: FilledRow; issueKey: string; verdict: VerificationVerdict }[] = [];
  const checks: { row: FilledRow; householdKey: string; item: string; result: '是' | '否' }[] = [];
  const households = new Set<string>();
  for (const r of rows) {
    if (r.key.kind === 'cell') {
      const { recordId, field } = r.key;
      const [cell] = FIELD_BY_KEY.has(field) ? readCells(db, [recordId], field) : [];
      if (!cell) {
        warnings.push(CORRECTION_MESSAGES.recordGone(where(name, r, VERIFY_INPUT_COLUMN)));
        continue;
      }
      let value;
      try {
        value = parseCellText(fieldDef(field), r.input);
      } catch (error) {
        throw new UserError('BAD_INPUT', `${where(name, r, VERIFY_INPUT_COLUMN)}：${(error as Error).message}`);
      }
      if (cell.householdKey) households.add(cell.householdKey);
      for (const target of sameEntityCells(db, cell, field).concat(cell)) {
        const change = changeOf(target, field, r.input, value, null);
        if (change) changes.set(`${change.recordId}|${field}`, change);
      }
    } else if (r.key.kind === 'check') {
      const flag = parseFlag(r.input);
      if (flag === null) throw new UserError('BAD_INPUT', CORRECTION_MESSAGES.notYesNo(where(name, r, VERIFY_INPUT_COLUMN), r.input));
      const household = db.prepare('SELECT household_key AS k FROM records WHERE id = ?').get(r.key.recordId) as { k: string | null } | undefined;
      if (!household?.k) {
        warnings.push(CORRECTION_MESSAGES.householdGone(where(name, r, VERIFY_INPUT_COLUMN)));
        continue;
      }
      households.add(household.k);
      checks.push({ row: r, householdKey: household.k, item: r.key.item, result: flag === 1 ? '是' : '否' });
    } else {
      const verdict = VERIFICATION_VERDICTS.find((v) => v === r.input);
      if (!verdict) {
        throw new UserError('BAD_INPUT', CORRECTION_MESSAGES.notAVerdict(where(name, r, VERIFY_INPUT_COLUMN), VERIFICATION_VERDICTS, r.input));
      }
      const issue = db.prepare('SELECT key FROM issues WHERE rowid = ?').get(r.key.issueId) as { key: string } | undefined;
      if (!issue) {
        warnings.push(CORRECTION_MESSAGES.issueGone(where(name, r, VERIFY_INPUT_COLUMN)));
        continue;
      }
      verdicts.push({ row: r, issueKey: issue.key, verdict });
    }
  }
  const actor = loadSettings(db).operator.trim();
  return db.transaction((): VerificationImportResult => {
    const now = new Date().toISOString();
    const corrected = commitChanges(db, { action: 'edit', target: null, reason: CORRECTION_REASONS.verified, note: CORRECTION_REASONS.verifiedNote(name) }, [...changes.values()]);
    const addCheck = db.prepare('INSERT INTO verifications (household_key, item, result, note, file_name, actor, at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const c of checks) addCheck.run(c.householdKey, c.item, c.result, c.row.note || null, name, actor || NO_OPERATOR, now);
    const statusOf = db.prepare('SELECT status FROM issues WHERE key = ?');
    const results = verdicts.map((v) => {
      const reason = CORRECTION_REASONS.verdict(v.verdict, v.row.note);
      const current = (statusOf.get(v.issueKey) as { status: string }).status;
      if (v.verdict === '不属实') setIssueStatus(db, v.issueKey, { status: 'confirmed', reason, actor: actor || NO_OPERATOR }, now);
      else if (current !== 'resolved') setIssueStatus(db, v.issueKey, { status: 'open', reason, actor: actor || NO_OPERATOR }, now);
      return { issueKey: v.issueKey, verdict: v.verdict, status: (statusOf.get(v.issueKey) as { status: string }).status };
    });
    return { households: households.size, corrections: corrected.changed, verdicts: results, checks: checks.length, warnings };
  })();
}
