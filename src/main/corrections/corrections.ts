import { FIELD_BY_KEY } from '../../shared/domain/fields';
import { UserError } from '../errors';
import { runCheck } from '../rules/engine';
import { loadSettings } from '../settings/settings';
import type { Db } from '../workspace/workspace';
import { cellTextOf, changeOf, fieldDef, parseCellText, readCells, writeValues, type RecordCell } from './cells';
import { appendBatch, batchChanges, undoStacks, type BatchHeader, type CellChange } from './correctionLog';
import { BULK_SKIPS, CORRECTION_MESSAGES, CORRECTION_REASONS } from './messages';

export interface CorrectionMeta {
  reason: string;
  note?: string | undefined;
  /** The issue the clerk was fixing, kept in the log. */
  issueKey?: string | undefined;
}

export interface CorrectionResult {
  batch: number | null;
  changed: number;
  /** Households re-checked. */
  households: number;
  /** Issues the re-check closed. */
  closed: number;
  /** Issues still open in the re-checked households. */
  open: number;
}

function operator(db: Db): string {
  const name = loadSettings(db).operator.trim();
  if (name === '') throw new UserError('BAD_INPUT', CORRECTION_MESSAGES.noOperator);
  return name;
}

function checkReason(meta: CorrectionMeta): string {
  const reason = meta.reason.trim();
  if (reason === '') throw new UserError('BAD_INPUT', CORRECTION_MESSAGES.noReason);
  return reason;
}

/** Household keys a set of changes touches, before and after (a new 户编号 moves the record to another household). */
function affectedHouseholds(db: Db, changes: readonly CellChange[]): string[] {
  const keys = db.prepare(`SELECT DISTINCT household_key AS k FROM records WHERE id IN (SELECT value FROM json_each(?)) AND household_key IS NOT NULL`)
    .all(JSON.stringify(changes.map((c) => c.recordId))) as { k: string }[];
  const moved = changes.filter((c) => c.field === 'household_no').flatMap((c) => [c.newValue, c.oldValue]);
  return [...new Set([...keys.map((k) => k.k), ...moved.filter((v): v is string => typeof v === 'string')])];
}

/** Apply changes as one batch, log them and re-check the households they touch: all or nothing. */
export function commitChanges(db: Db, header: Omit<BatchHeader, 'actor' | 'at'>, changes: readonly CellChange[]): CorrectionResult {
  // An undo whose records a re-import replaced still moves the stacks.
  if (changes.length === 0 && header.action === 'edit') return { batch: null, changed: 0, households: 0, closed: 0, open: 0 };
  const actor = operator(db);
  return db.transaction((): CorrectionResult => {
    const before = affectedHouseholds(db, changes);
    writeValues(db, changes);
    const batch = appendBatch(db, { ...header, actor, at: new Date().toISOString() }, changes);
    const households = [...new Set([...before, ...affectedHouseholds(db, changes)])];
    const summary = runCheck(db, { households });
    const open = (db.prepare(`SELECT count(*) AS n FROM issues WHERE status = 'open' AND household_key IN (SELECT value FROM json_each(?))`)
      .get(JSON.stringify(households)) as { n: number }).n;
    return { batch, changed: changes.length, households: households.length, closed: summary.closed, open };
  })();
}

/**
 * A household field is one value per household in a ledger (merged over the member rows): changing it on one row
 * changes it on every row of that household in the same ledger.
 */
function widenHouseholdField(db: Db, cells: RecordCell[], field: string): RecordCell[] {
  if (fieldDef(field).level !== 'household') return cells;
  const ids = db.prepare(`SELECT o.id FROM records r JOIN records o ON o.source_id = r.source_id AND o.household_key = r.household_key
      WHERE r.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(cells.map((c) => c.recordId))) as { id: number }[];
  return readCells(db, [...new Set([...cells.map((c) => c.recordId), ...ids.map((r) => r.id)])], field);
}

function cellsOrFail(db: Db, recordIds: readonly number[], field: string): RecordCell[] {
  const cells = readCells(db, recordIds, field);
  if (cells.length === 0) throw new UserError('NOT_FOUND', CORRECTION_MESSAGES.noSuchRecords(recordIds));
  const label = FIELD_BY_KEY.get(field)?.label ?? field;
  const without = cells.find((c) => c.position < 0);
  if (without) throw new UserError('BAD_INPUT', CORRECTION_MESSAGES.noSuchColumn(without.fileName, without.sheet, without.rowNumber, label));
  return cells;
}

/** Set one field of some records (one record, or a selection) to the text the clerk typed. */
export function correctRecords(db: Db, recordIds: readonly number[], field: string, text: string, meta: CorrectionMeta): CorrectionResult {
  const reason = checkReason(meta);
  const value = parseCellText(fieldDef(field), text);
  const cells = widenHouseholdField(db, cellsOrFail(db, recordIds, field), field);
  const changes = cells.map((c) => changeOf(c, field, text.trim(), value, meta.issueKey ?? null)).filter((c): c is CellChange => c !== null);
  return commitChanges(db, { action: 'edit', target: null, reason, note: meta.note ?? null }, changes);
}

/** The records of the same person (person fields) or household (household fields) in every ledger that has the field. */
export function sameEntityCells(db: Db, cell: RecordCell, field: string): RecordCell[] {
  const household = fieldDef(field).level === 'household';
  const key = household ? cell.householdKey : cell.personKey;
  if (key === null) return [];
  const ids = db.prepare(`SELECT id FROM records WHERE ${household ? 'household_key' : 'person_key'} = ?`).all(key) as { id: number }[];
  return readCells(db, ids.map((r) => r.id), field).filter((c) => c.position >= 0);
}

function adoptChanges(db: Db, source: RecordCell, field: string, issueKey: string | null): CellChange[] {
  const def = fieldDef(field);
  const text = def.type === 'flag' || def.type === 'money' || def.type === 'count' ? cellTextOf(def, source.value) : source.text;
  return sameEntityCells(db, source, field)
    .map((c) => changeOf(c, field, c.recordId === source.recordId ? source.text : text, source.value, issueKey))
    .filter((c): c is CellChange => c !== null);
}

/** 以此为准: this record's value of the field is right; every ledger takes it for the same person or household. */
export function adoptValue(db: Db, recordId: number, field: string, meta: CorrectionMeta): CorrectionResult {
  const reason = checkReason(meta);
  const [source] = cellsOrFail(db, [recordId], field);
  if (!source) throw new UserError('NOT_FOUND', CORRECTION_MESSAGES.noSuchRecords([recordId]));
  return commitChanges(db, { action: 'edit', target: null, reason, note: meta.note ?? null }, adoptChanges(db, source, field, meta.issueKey ?? null));
}

export type BulkAction = { adoptFrom: string } | { value: string };

export interface BulkResult extends CorrectionResult {
  skipped: { key: string; reason: string }[];
}

interface IssueTarget {
  key: string;
  field: string | null;
  records: string;
}

/**
 * The same correction for many selected issues: either take one ledger's value as right (以系统为准 …) or set the
 * issue's field to one value in every record the issue names. One batch: one undo.
 */
export function bulkCorrect(db: Db, issueKeys: readonly string[], action: BulkAction, meta: Omit<CorrectionMeta, 'issueKey'>): BulkResult {
  const reason = checkReason(meta);
  const issues = db.prepare('SELECT key, field, records FROM issues WHERE key IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(issueKeys)) as IssueTarget[];
  const skipped: BulkResult['skipped'] = issueKeys.filter((k) => !issues.some((i) => i.key === k)).map((key) => ({ key, reason: BULK_SKIPS.noIssue }));
  const changes = new Map<string, CellChange>();
  for (const issue of issues) {
    if (issue.field === null || !FIELD_BY_KEY.has(issue.field)) {
      skipped.push({ key: issue.key, reason: BULK_SKIPS.notOneField });
      continue;
    }
    const field = issue.field;
    const refs = JSON.parse(issue.records) as { id: number; source: string }[];
    let found: CellChange[];
    if ('adoptFrom' in action) {
      const ref = refs.find((r) => r.source === action.adoptFrom);
      const [source] = ref ? readCells(db, [ref.id], field) : [];
      if (!source || source.position < 0) {
        skipped.push({ key: issue.key, reason: BULK_SKIPS.ledgerNotInvolved });
        continue;
      }
      found = adoptChanges(db, source, field, issue.key);
    } else {
      const value = parseCellText(fieldDef(field), action.value);
      const cells = widenHouseholdField(db, readCells(db, refs.map((r) => r.id), field).filter((c) => c.position >= 0), field);
      found = cells.map((c) => changeOf(c, field, action.value.trim(), value, issue.key)).filter((c): c is CellChange => c !== null);
    }
    for (const c of found) changes.set(`${c.recordId}|${c.field}`, c);
  }
  const result = commitChanges(db, { action: 'edit', target: null, reason, note: meta.note ?? null }, [...changes.values()]);
  return { ...result, skipped };
}

/** Undo the last edit still in effect: append its inverse. */
export function undo(db: Db): CorrectionResult {
  const target = undoStacks(db).done.at(-1);
  if (target === undefined) throw new UserError('BAD_INPUT', CORRECTION_MESSAGES.nothingToUndo);
  const changes = batchChanges(db, target).reverse();
  return commitChanges(db, { action: 'undo', target, reason: CORRECTION_REASONS.undo, note: null }, changes.map((c) => ({
    ...c, oldValue: c.newValue, newValue: c.oldValue, oldText: c.newText, newText: c.oldText,
  })));
}

/** Redo the last undone edit: append it again. */
export function redo(db: Db): CorrectionResult {
  const target = undoStacks(db).undone.at(-1);
  if (target === undefined) throw new UserError('BAD_INPUT', CORRECTION_MESSAGES.nothingToRedo);
  return commitChanges(db, { action: 'redo', target, reason: CORRECTION_REASONS.redo, note: null }, batchChanges(db, target));
}
