import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ISSUE_STATUSES, SEVERITIES, type Severity } from '../../shared/domain/rules';
import { isLedgerKindId, type LedgerKindId } from '../../shared/domain/ledgerKinds';
import { NO_OPERATOR } from '../corrections/messages';
import { badInput, UserError } from '../errors';
import { backupBeforeImport } from '../workspace/backups';
import { importFile, readInputFile } from '../import/importFile';
import { planImport, type MappingOverrides, type PlanOptions } from '../import/planImport';
import { previewImport } from '../import/previewImport';
import { runCheckInParallel, type CheckSummary } from '../rules/engine';
import { builtWorker } from '../jobs/builtWorker';
import { writeIssuesJson } from '../rules/issueExport';
import { setIssuePlan, setIssueStatus } from '../rules/issueStore';
import { writeAtomically } from '../export/atomicFile';
import { recordExport } from '../export/exportLog';
import { writeIssueList } from '../export/issueListExport';
import { runCorrectionCommand } from './correctionCommands';
import { CLI_MESSAGES, USAGE } from './messages';
import { cmdServe, cmdStart } from './serveCommand';
import { RULES } from '../rules/registry';
import { setRuleSetting } from '../rules/ruleSettings';
import { loadSettings, parseSetting, saveSetting } from '../settings/settings';
import { generateSample } from '../sample/generateSample';
import { formatCheckSummary } from './formatCheck';
import { openWorkspace, storageFailure } from '../workspace/workspace';
import { cmdRestore } from './restoreCommand';
import { formatImportReport, formatPreview } from './formatImport';
import { ProgressBar } from './progressBar';
import { runDemo } from './demo';

/** Exit codes: 0 success, 1 internal error, 2 bad input (the message says which file, sheet, row and column). */
export const EXIT = { ok: 0, internal: 1, badInput: 2 } as const;

function parseKind(value: string | undefined): LedgerKindId | undefined {
  if (value === undefined) return undefined;
  if (!isLedgerKindId(value)) throw badInput(CLI_MESSAGES.unknownKind(value));
  return value;
}

function parseMappings(values: readonly string[] | undefined): MappingOverrides | undefined {
  if (!values || values.length === 0) return undefined;
  const out: Record<string, string | null> = {};
  for (const v of values) {
    const eq = v.lastIndexOf('=');
    if (eq <= 0) throw badInput(CLI_MESSAGES.badMap(v));
    const field = v.slice(eq + 1).trim();
    out[v.slice(0, eq).trim()] = field === '' ? null : field;
  }
  return out;
}

function parsePositiveInt(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw badInput(CLI_MESSAGES.notPositive(name, value));
  return Number(value);
}

const PLAN_OPTIONS = {
  kind: { type: 'string' }, map: { type: 'string', multiple: true }, 'header-row': { type: 'string' },
} as const;

function planOptions(values: { kind?: string | undefined; map?: string[] | undefined; 'header-row'?: string | undefined }): PlanOptions {
  const kind = parseKind(values.kind);
  const overrides = parseMappings(values.map);
  const headerRow = parsePositiveInt(values['header-row'], '--header-row');
  return { ...(kind ? { kind } : {}), ...(overrides ? { overrides } : {}), ...(headerRow ? { headerRow } : {}) };
}

async function cmdPreview(args: string[], out: NodeJS.WritableStream): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { ...PLAN_OPTIONS, workspace: { type: 'string' } } });
  const [file] = positionals;
  if (!file) throw badInput(CLI_MESSAGES.noFile);
  const db = values.workspace ? openWorkspace(values.workspace) : null;
  try {
    out.write(`${formatPreview(previewImport(planImport(db, readInputFile(file), file, planOptions(values))))}\n`);
  } finally {
    db?.close();
  }
  return EXIT.ok;
}

async function cmdImport(args: string[], { out, err: errors }: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: PLAN_OPTIONS });
  const [dbPath, ...files] = positionals;
  if (!dbPath || files.length === 0) throw badInput(CLI_MESSAGES.noWorkspaceOrFile);
  const options = planOptions(values);
  const db = openWorkspace(dbPath, { create: true });
  const bar = new ProgressBar(errors);
  let failed = 0;
  try {
    const backup = await backupBeforeImport(db);
    if (backup) out.write(CLI_MESSAGES.backedUp(backup.file));
    for (const file of files) {
      try {
        const report = importFile(db, file, options, (p) =>
          bar.update(CLI_MESSAGES.writing(path.basename(file)), p.done, p.total));
        bar.clear();
        out.write(`${formatImportReport(report)}\n`);
      } catch (err) {
        bar.clear();
        if (!(err instanceof UserError)) throw err;
        failed++;
        errors.write(CLI_MESSAGES.error(err.message));
      }
    }
  } finally {
    db.close();
  }
  return failed > 0 ? EXIT.badInput : EXIT.ok;
}

async function cmdCheck(args: string[], out: NodeJS.WritableStream): Promise<number> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true,
    options: { json: { type: 'string' }, xlsx: { type: 'string' }, source: { type: 'string', multiple: true } },
  });
  const sources = values.source ?? [];
  const [dbArg] = positionals;
  if (!dbArg && sources.length === 0) throw badInput(CLI_MESSAGES.noWorkspaceOrSource);
  const temp = dbArg ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'duizhang-check-'));
  const db = openWorkspace(dbArg ?? path.join(temp ?? '', 'check.db'), { create: temp !== null });
  try {
    for (const spec of sources) {
      const eq = spec.indexOf('=');
      const kind = parseKind(eq > 0 ? spec.slice(0, eq) : undefined);
      if (!kind) throw badInput(CLI_MESSAGES.badSource(spec));
      out.write(`${formatImportReport(importFile(db, spec.slice(eq + 1), { kind }))}\n`);
    }
    const summary = await runCheckInParallel(db, { ruleWorker: builtWorker(import.meta.url, 'ruleWorker') });
    out.write(`${formatCheckSummary(summary)}\n`);
    if (values.json) writeIssuesJson(db, summary, values.json);
    const xlsx = values.xlsx;
    if (xlsx) {
      let rows = 0;
      await writeAtomically(xlsx, async (temporary) => { rows = await writeIssueList(db, temporary, { fullIds: false }, null); });
      recordExport(db, { what: 'issues', options: {}, files: [path.basename(xlsx)], fullIds: false, rows, actor: loadSettings(db).operator || NO_OPERATOR });
    }
  } finally {
    db.close();
    if (temp) fs.rmSync(temp, { recursive: true, force: true });
  }
  return EXIT.ok;
}

function cmdRules(args: string[], out: NodeJS.WritableStream): number {
  const [dbArg] = args;
  let ran = new Map<string, string>();
  if (dbArg) {
    const db = openWorkspace(dbArg);
    const last = db.prepare('SELECT summary FROM check_runs ORDER BY id DESC LIMIT 1').get() as { summary: string } | undefined;
    db.close();
    const runs = last ? (JSON.parse(last.summary) as CheckSummary).rules : [];
    ran = new Map(runs.map((r) => [r.id, r.ran ? CLI_MESSAGES.ruleRan(r.found) : CLI_MESSAGES.ruleSkipped(r.skipped ?? '')]));
  }
  for (const r of RULES) {
    out.write(`${r.id.padEnd(30)}${SEVERITIES[r.severity]}  ${r.title}${dbArg ? `  [${ran.get(r.id) ?? CLI_MESSAGES.notChecked}]` : ''}\n`);
  }
  return EXIT.ok;
}

function cmdRule(args: string[], out: NodeJS.WritableStream): number {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true, options: { on: { type: 'boolean' }, off: { type: 'boolean' }, severity: { type: 'string' } },
  });
  const [dbArg, ruleId] = positionals;
  if (!dbArg || !ruleId) throw badInput(CLI_MESSAGES.noWorkspaceOrRule);
  const db = openWorkspace(dbArg);
  try {
    setRuleSetting(db, ruleId, {
      ...(values.on ? { enabled: true } : values.off ? { enabled: false } : {}),
      ...(values.severity !== undefined ? { severity: values.severity as Severity } : {}),
    });
  } finally {
    db.close();
  }
  out.write(CLI_MESSAGES.ruleUpdated(ruleId));
  return EXIT.ok;
}

function cmdIssue(args: string[], out: NodeJS.WritableStream): number {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true, options: {
      status: { type: 'string' }, reason: { type: 'string' }, until: { type: 'string' },
      measure: { type: 'string' }, owner: { type: 'string' }, due: { type: 'string' },
    },
  });
  const [dbArg, key] = positionals;
  const status = values.status;
  if (dbArg && key && status === undefined && (values.measure ?? values.owner ?? values.due) !== undefined) {
    const db = openWorkspace(dbArg);
    try {
      const n = setIssuePlan(db, key.split(','), { measure: values.measure, owner: values.owner, due: values.due });
      out.write(CLI_MESSAGES.plansUpdated(n));
    } finally {
      db.close();
    }
    return EXIT.ok;
  }
  if (!dbArg || !key || (status !== 'confirmed' && status !== 'deferred' && status !== 'open')) {
    throw badInput(CLI_MESSAGES.issueUsage);
  }
  const db = openWorkspace(dbArg);
  try {
    setIssueStatus(db, key, {
      status, actor: loadSettings(db).operator,
      ...(values.reason !== undefined ? { reason: values.reason } : {}), ...(values.until !== undefined ? { until: values.until } : {}),
    });
  } finally {
    db.close();
  }
  out.write(CLI_MESSAGES.issueMarked(key, ISSUE_STATUSES[status]));
  return EXIT.ok;
}

function cmdSettings(args: string[], out: NodeJS.WritableStream): number {
  const [dbArg, key, value] = args;
  if (!dbArg) throw badInput(CLI_MESSAGES.noWorkspace);
  const db = openWorkspace(dbArg);
  try {
    if (key !== undefined) {
      if (value === undefined) throw badInput(CLI_MESSAGES.settingNeedsValue(key));
      const parsed = parseSetting(key, value);
      saveSetting(db, parsed.key, parsed.value);
    }
    for (const [k, v] of Object.entries(loadSettings(db))) out.write(`${k.padEnd(22)}${JSON.stringify(v)}\n`);
  } finally {
    db.close();
  }
  return EXIT.ok;
}

async function cmdSample(args: string[], out: NodeJS.WritableStream): Promise<number> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true, options: { households: { type: 'string' }, seed: { type: 'string' } },
  });
  const [dir] = positionals;
  if (!dir) throw badInput(CLI_MESSAGES.noOutputDir);
  const households = parsePositiveInt(values.households, '--households');
  const seed = parsePositiveInt(values.seed, '--seed');
  if (households !== undefined && (households < 10 || households > 200_000)) throw badInput(CLI_MESSAGES.householdsRange);
  const truth = await generateSample(dir, {
    ...(households !== undefined ? { households } : {}), ...(seed !== undefined ? { seed } : {}),
    onFile: (f) => out.write(CLI_MESSAGES.generated(f)),
  });
  out.write(CLI_MESSAGES.sampleSummary(truth.town, truth.households, truth.persons, truth.villages.length, truth.files.length, truth.defects.length));
  return EXIT.ok;
}

/** Where a command writes: stdout for results, stderr for errors and the progress bar. */
export interface CliIo {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream & { isTTY?: boolean };
}

export async function main(argv: string[], io: CliIo = { out: process.stdout, err: process.stderr }): Promise<number> {
  const { out } = io;
  const [command, ...args] = argv;
  try {
    switch (command) {
      case 'import': return await cmdImport(args, io);
      case 'preview': return await cmdPreview(args, out);
      case 'check': return await cmdCheck(args, out);
      case 'rules': return cmdRules(args, out);
      case 'rule': return cmdRule(args, out);
      case 'issue': return cmdIssue(args, out);
      case 'settings': return cmdSettings(args, out);
      case 'restore': return cmdRestore(args, out);
      case 'sample': return await cmdSample(args, out);
      case 'demo': return await runDemo(args[0], out);
      case 'serve': await cmdServe(args, out); return EXIT.ok;
      case 'start': await cmdStart(args, out); return EXIT.ok;
      case 'correct': case 'undo': case 'redo': case 'log': case 'verify-import': case 'export':
        await runCorrectionCommand(command, args, out);
        return EXIT.ok;
      case undefined:
      case 'help':
      case '--help':
        out.write(`${USAGE}\n`);
        return EXIT.ok;
      default:
        throw badInput(CLI_MESSAGES.unknownCommand(command));
    }
  } catch (err) {
    if (err instanceof UserError) {
      io.err.write(CLI_MESSAGES.error(err.message));
      return EXIT.badInput;
    }
    const storage = storageFailure(err);
    if (storage) {
      io.err.write(CLI_MESSAGES.error(storage.message));
      return storage.code === 'DISK_FULL' ? EXIT.internal : EXIT.badInput;
    }
    if (err instanceof TypeError && (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err.write(CLI_MESSAGES.badArguments(err.message));
      return EXIT.badInput;
    }
    io.err.write(CLI_MESSAGES.internal(err instanceof Error ? (err.stack ?? err.message) : String(err)));
    return EXIT.internal;
  }
}
