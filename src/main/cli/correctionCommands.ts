import path from 'node:path';
import { parseArgs } from 'node:util';
import type { ExportKind } from '../../shared/domain/exports';
import { FIELDS } from '../../shared/domain/fields';
import { isLedgerKindId } from '../../shared/domain/ledgerKinds';
import { listCorrections } from '../corrections/correctionLog';
import { adoptValue, bulkCorrect, correctRecords, redo, undo, type CorrectionResult } from '../corrections/corrections';
import { CORRECTION_ACTIONS } from '../corrections/messages';
import { importVerification } from '../corrections/verificationImport';
import { badInput, UserError } from '../errors';
import { runExport } from '../export/runExport';
import { saveSetting } from '../settings/settings';
import { openWorkspace, type Db } from '../workspace/workspace';
import { CLI_MESSAGES } from './messages';

/** `correct`, `undo`, `redo`, `log`, `verify-import` and `export`: what a clerk does after the check. */

function withWorkspace<T>(file: string | undefined, run: (db: Db) => T): T {
  if (!file) throw badInput(CLI_MESSAGES.noCorrectionWorkspace);
  const db = openWorkspace(file);
  try {
    return run(db);
  } finally {
    db.close();
  }
}

/** A field by its key (household_size) or by its Chinese label (家庭人口数). */
function parseField(text: string | undefined): string {
  const def = FIELDS.find((f) => f.key === text || f.label === text);
  if (!def) throw badInput(CLI_MESSAGES.unknownField(text ?? ''));
  return def.key;
}

/** Record ids, or "文件!工作表!行号" as the issue list shows a record's place. */
function parseRecords(db: Db, spec: string): number[] {
  return spec.split(',').map((part) => {
    const text = part.trim();
    if (/^\d+$/.test(text)) return Number(text);
    const [file, sheet, row] = text.split('!');
    const found = db.prepare(`SELECT r.id FROM records r JOIN sources s ON s.id = r.source_id WHERE s.file_name = ? AND r.sheet = ? AND r.row_number = ?`)
      .get(file ?? '', sheet ?? '', Number(row)) as { id: number } | undefined;
    if (!found) throw new UserError('NOT_FOUND', CLI_MESSAGES.noSuchRecord(text));
    return found.id;
  });
}

const describeResult = (r: CorrectionResult): string => r.changed === 0
  ? CLI_MESSAGES.nothingChanged
  : CLI_MESSAGES.changed(r.changed, r.households, r.closed, r.open);

function cmdCorrect(args: string[], out: NodeJS.WritableStream): void {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true, options: {
      record: { type: 'string' }, field: { type: 'string' }, value: { type: 'string' }, adopt: { type: 'boolean' }, reason: { type: 'string' },
      note: { type: 'string' }, issue: { type: 'string' }, issues: { type: 'string' }, from: { type: 'string' }, operator: { type: 'string' },
    },
  });
  withWorkspace(positionals[0], (db) => {
    if (values.operator) saveSetting(db, 'operator', values.operator);
    const meta = { reason: values.reason ?? '', note: values.note, issueKey: values.issue };
    if (values.issues) {
      if (values.from && !isLedgerKindId(values.from)) throw badInput(CLI_MESSAGES.unknownLedgerKind(values.from));
      const action = values.from ? { adoptFrom: values.from } : values.value !== undefined ? { value: values.value } : null;
      if (!action) throw badInput(CLI_MESSAGES.bulkNeedsAction);
      const result = bulkCorrect(db, values.issues.split(',').map((k) => k.trim()), action, meta);
      out.write(`${describeResult(result)}\n`);
      for (const s of result.skipped) out.write(CLI_MESSAGES.notApplied(s.key, s.reason));
      return;
    }
    if (!values.record || !values.field) throw badInput(CLI_MESSAGES.noRecordOrField);
    const records = parseRecords(db, values.record);
    const field = parseField(values.field);
    if (values.adopt) {
      const [record] = records;
      if (records.length !== 1 || record === undefined) throw badInput(CLI_MESSAGES.adoptOneRecord);
      out.write(`${describeResult(adoptValue(db, record, field, meta))}\n`);
    } else {
      if (values.value === undefined) throw badInput(CLI_MESSAGES.noValue);
      out.write(`${describeResult(correctRecords(db, records, field, values.value, meta))}\n`);
    }
  });
}

function cmdLog(args: string[], out: NodeJS.WritableStream): void {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { limit: { type: 'string' } } });
  withWorkspace(positionals[0], (db) => {
    const { total, entries } = listCorrections(db, { limit: Number(values.limit ?? 100) || 100 });
    out.write(CLI_MESSAGES.logHeader(total, entries.length));
    for (const e of entries) {
      const field = FIELDS.find((f) => f.key === e.field)?.label ?? e.field;
      out.write(`${e.at.replace('T', ' ').slice(0, 19)}  ${e.actor}  ${CORRECTION_ACTIONS[e.action]}  ${e.file}!${e.sheet}!${e.row}  ${e.name ?? ''}  ` +
        CLI_MESSAGES.logLine(field, e.oldText, e.newText, e.reason, e.note));
    }
  });
}

async function cmdExport(args: string[], out: NodeJS.WritableStream): Promise<void> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true, options: {
      what: { type: 'string' }, out: { type: 'string' }, ledger: { type: 'string' }, village: { type: 'string' },
      household: { type: 'string' }, 'full-ids': { type: 'boolean' },
    },
  });
  if (!values.what || !values.out) throw badInput(CLI_MESSAGES.noWhatOrOut);
  const file = positionals[0];
  if (!file) throw badInput(CLI_MESSAGES.noCorrectionWorkspace);
  const db = openWorkspace(file);
  try {
    const result = await runExport(db, {
      what: values.what as ExportKind, outDir: values.out, ledger: values.ledger, village: values.village, household: values.household,
      fullIds: values['full-ids'] === true,
    });
    out.write(CLI_MESSAGES.exported(result.rows, values['full-ids'] === true));
    for (const f of result.files) out.write(`  ${path.resolve(f)}\n`);
  } finally {
    db.close();
  }
}

function cmdVerifyImport(args: string[], out: NodeJS.WritableStream): void {
  const [dbArg, file] = args;
  if (!file) throw badInput(CLI_MESSAGES.noVerificationSheet);
  withWorkspace(dbArg, (db) => {
    const r = importVerification(db, file);
    const verdicts = r.verdicts.reduce<Record<string, number>>((acc, v) => ({ ...acc, [v.verdict]: (acc[v.verdict] ?? 0) + 1 }), {});
    out.write(CLI_MESSAGES.verificationRead(r.households, r.corrections, r.checks, verdicts, r.verdicts.length));
    for (const w of r.warnings) out.write(CLI_MESSAGES.warning(w));
  });
}

export type CorrectionCommand = 'correct' | 'undo' | 'redo' | 'log' | 'verify-import' | 'export';

export async function runCorrectionCommand(command: CorrectionCommand, args: string[], out: NodeJS.WritableStream): Promise<void> {
  switch (command) {
    case 'correct': return cmdCorrect(args, out);
    case 'undo': return withWorkspace(args[0], (db) => { out.write(CLI_MESSAGES.undone(describeResult(undo(db)))); });
    case 'redo': return withWorkspace(args[0], (db) => { out.write(CLI_MESSAGES.redone(describeResult(redo(db)))); });
    case 'log': return cmdLog(args, out);
    case 'verify-import': return cmdVerifyImport(args, out);
    case 'export': return cmdExport(args, out);
  }
}
