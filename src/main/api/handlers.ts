import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import type { CallInput, CallName, CallOutput, PreviewOutcome, RuleInfo, WorkspaceInfo } from '../../shared/api/contract';
import { LEDGER_KIND_BY_ID } from '../../shared/domain/ledgerKinds';
import { RULE_FAMILIES } from '../../shared/domain/rules';
import { defaultDemoDir, runDemo, SAMPLE_WORKSPACE } from '../cli/demo';
import { listCorrections, undoStacks } from '../corrections/correctionLog';
import { adoptValue, bulkCorrect, correctRecords, redo, undo, type CorrectionResult } from '../corrections/corrections';
import { UserError } from '../errors';
import { listExports } from '../export/exportLog';
import { computeReadiness } from '../export/readiness';
import { Planner } from '../import/planAhead';
import { listSources } from '../import/store';
import { openIssueCounts, runCheck } from '../rules/engine';
import { setIssueStatus } from '../rules/issueStore';
import { RULES } from '../rules/registry';
import { setRuleSetting } from '../rules/ruleSettings';
import { loadSettings, parseSetting, saveSetting } from '../settings/settings';
import { backupBeforeImport, listBackups, restoreBackup } from '../workspace/backups';
import { openWorkspace, type Db } from '../workspace/workspace';
import { builtWorker } from '../jobs/builtWorker';
import { JobRunner } from '../jobs/jobRunner';
import { API_MESSAGES } from './messages';
import { previewUpload } from './uploads';
import { familyLabel, issuePage, ledgerPage, personView } from './views';

export type Handlers = { [K in CallName]: (input: CallInput<K>) => Promise<CallOutput<K>> | CallOutput<K> };

/** The open workspace of one desk session (one window, or one server). */
export class Session {
  db: Db | null = null;
  file: string | null = null;
  readonly jobs: JobRunner;

  /** The built worker entry that reads files for the mapping preview, beside the job worker; null from sources. */
  readonly planScript: URL | null;

  /** `jobScript`: the built worker entry that runs long work (dist/jobWorker.mjs). */
  constructor(readonly exportDir: string, jobScript: string | URL) {
    this.jobs = new JobRunner(jobScript);
    this.planScript = builtWorker(typeof jobScript === 'string' ? pathToFileURL(jobScript).href : jobScript.href, 'planWorker');
  }

  open(file: string, create = false): void {
    const db = openWorkspace(file, { create });
    this.db?.close();
    this.db = db;
    this.file = file;
  }

  workspace(): Db {
    if (!this.db) throw new UserError('BAD_INPUT', API_MESSAGES.noWorkspace);
    return this.db;
  }

  close(): void {
    this.db?.close();
    this.db = null;
  }
}

const silent = new Writable({ write: (_chunk, _enc, done) => done() });

const outcome = (r: CorrectionResult) => ({ changed: r.changed, closed: r.closed, open: r.open });

function info(session: Session): WorkspaceInfo {
  const db = session.db;
  if (!db) return { path: null, sources: [], records: 0, lastCheck: null, operator: '', villages: [], canUndo: false, canRedo: false };
  const stacks = undoStacks(db);
  return {
    path: session.file,
    sources: listSources(db).map((s) => ({
      id: s.id, kind: s.kind, kindLabel: LEDGER_KIND_BY_ID.get(s.kind)?.label ?? s.kind, fileName: s.fileName, rows: s.rowCount,
      sheets: s.sheets.map((x) => x.name), importedAt: s.importedAt, skipped: s.skipped.length,
    })),
    records: (db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n,
    lastCheck: (db.prepare('SELECT max(finished_at) AS at FROM check_runs').get() as { at: string | null }).at,
    operator: loadSettings(db).operator,
    villages: (db.prepare('SELECT DISTINCT village FROM records WHERE village IS NOT NULL ORDER BY village').all() as { village: string }[]).map((v) => v.village),
    canUndo: stacks.done.length > 0, canRedo: stacks.undone.length > 0,
  };
}

function rules(db: Db): RuleInfo[] {
  const settings = new Map((db.prepare('SELECT rule, enabled, severity FROM rule_settings').all() as { rule: string; enabled: number; severity: string | null }[]).map((r) => [r.rule, r]));
  return RULES.map((r) => {
    const s = settings.get(r.id);
    return {
      id: r.id, title: r.title, family: RULE_FAMILIES[r.family], severity: (s?.severity ?? r.severity) as RuleInfo['severity'], defaultSeverity: r.severity,
      enabled: s ? s.enabled === 1 : true, explanation: r.explanation,
    };
  });
}

/** Calls that change (or switch) the workspace wait for a running job: a second writer would only meet a locked database. */
const WRITES = [
  'workspace:open', 'workspace:openSample', 'backups:restore', 'issues:setStatus', 'issues:bulkCorrect', 'records:correct',
  'records:adopt', 'corrections:undo', 'corrections:redo', 'settings:set', 'rules:set',
] as const satisfies readonly CallName[];

/** One handler per call of the contract; the compiler checks the map is complete and each handler's types. */
export function createHandlers(session: Session): Handlers {
  const db = (): Db => session.workspace();
  /** The workspace file a call names, or the open one. */
  const workspaceFor = (file: string | undefined): string => {
    const workspace = file ?? session.file;
    if (!workspace) throw new UserError('BAD_INPUT', API_MESSAGES.nameAWorkspace);
    return workspace;
  };
  const handlers: Handlers = {
    'workspace:info': () => info(session),
    'workspace:open': ({ path: file, create }) => {
      session.open(file, create === true);
      return info(session);
    },
    'workspace:openSample': async () => {
      const dir = defaultDemoDir();
      await runDemo(dir, silent);
      session.open(path.join(dir, SAMPLE_WORKSPACE));
      if (!db().prepare('SELECT 1 FROM check_runs LIMIT 1').get()) runCheck(db());
      return info(session);
    },
    // Reading a file takes seconds to a minute for a county's: it runs on the plan worker, not on this thread.
    'import:preview': async ({ files }) => {
      const planner = new Planner(session.db, session.planScript);
      try {
        const outcomes: PreviewOutcome[] = [];
        for (const f of files) outcomes.push(await previewUpload(planner, f));
        return outcomes;
      } finally {
        planner.close();
      }
    },
    'backups:list': ({ path: file }) => {
      const workspace = workspaceFor(file);
      return { workspace, backups: listBackups(workspace).map(({ name, at, reason, bytes }) => ({ name, at, reason, bytes })) };
    },
    'backups:restore': ({ path: file, backup }) => {
      const workspace = workspaceFor(file);
      const chosen = listBackups(workspace).find((b) => b.name === backup);
      if (!chosen) throw new UserError('NOT_FOUND', API_MESSAGES.noSuchBackup(backup));
      if (session.file && path.resolve(session.file) === path.resolve(workspace)) session.close();
      restoreBackup(workspace, chosen.file);
      session.open(workspace);
      return info(session);
    },
    'jobs:start': async (request) => {
      session.jobs.assertIdle();
      const workspace = workspaceFor(undefined);
      if (request.kind === 'import' && request.backup !== false) await backupBeforeImport(db());
      return session.jobs.start(workspace, session.exportDir, request);
    },
    'jobs:status': ({ id }) => session.jobs.status(id),
    'jobs:cancel': ({ id }) => session.jobs.cancel(id),
    'dashboard:get': () => {
      const d = db();
      const { byFamily, byVillage } = openIssueCounts(d);
      return {
        open: byFamily.reduce((n, f) => n + f.count, 0),
        byFamily: byFamily.map((f) => ({ ...f, familyLabel: familyLabel(f.family) })),
        byVillage,
        readiness: computeReadiness(d).villages.map((v) => ({ village: v.village, households: v.households, passRate: v.passRate })),
        lastImport: (d.prepare('SELECT max(imported_at) AS at FROM sources').get() as { at: string | null }).at,
        lastCheck: (d.prepare('SELECT max(finished_at) AS at FROM check_runs').get() as { at: string | null }).at,
      };
    },
    'issues:list': (q) => issuePage(db(), q),
    'issues:setStatus': ({ keys, status, reason, until }) => {
      const d = db();
      const actor = loadSettings(d).operator;
      d.transaction(() => {
        for (const key of keys) setIssueStatus(d, key, { status, actor, ...(reason !== undefined ? { reason } : {}), ...(until !== undefined ? { until } : {}) });
      })();
      return { updated: keys.length };
    },
    'issues:bulkCorrect': ({ keys, adoptFrom, value, reason, note }) => {
      const action = adoptFrom ? { adoptFrom } : value !== undefined ? { value } : null;
      if (!action) throw new UserError('BAD_INPUT', API_MESSAGES.chooseBulkAction);
      const r = bulkCorrect(db(), keys, action, { reason, note });
      return { ...outcome(r), skipped: r.skipped.length };
    },
    'person:get': ({ key, household }) => personView(db(), key, household === true),
    'records:correct': ({ recordIds, field, value, reason, note, issueKey }) => outcome(correctRecords(db(), recordIds, field, value, { reason, note, issueKey })),
    'records:adopt': ({ recordId, field, reason, note, issueKey }) => outcome(adoptValue(db(), recordId, field, { reason, note, issueKey })),
    'corrections:undo': () => outcome(undo(db())),
    'corrections:redo': () => outcome(redo(db())),
    'corrections:log': ({ offset, limit }) => listCorrections(db(), { offset, limit }),
    'ledger:rows': ({ sourceId, offset, limit }) => ledgerPage(db(), sourceId, offset, limit),
    'settings:get': () => ({ ...loadSettings(db()) }),
    'settings:set': ({ key, value }) => {
      const parsed = parseSetting(key, value);
      saveSetting(db(), parsed.key, parsed.value);
      return { ...loadSettings(db()) };
    },
    'rules:list': () => rules(db()),
    'rules:set': ({ id, enabled, severity }) => {
      setRuleSetting(db(), id, { ...(enabled !== undefined ? { enabled } : {}), ...(severity !== undefined ? { severity } : {}) });
      return rules(db());
    },
    'export:log': () => listExports(db()).map((e) => ({ at: e.at, what: e.what, files: e.files, fullIds: e.fullIds, rows: e.rows, actor: e.actor })),
  };
  const guarded = <K extends CallName>(call: K): Handlers[K] => {
    const handler = handlers[call] as (input: CallInput<K>) => unknown;
    return ((input: CallInput<K>) => {
      session.jobs.assertIdle();
      return handler(input);
    }) as Handlers[K];
  };
  return { ...handlers, ...Object.fromEntries(WRITES.map((call) => [call, guarded(call)])) };
}

/** The folder exports go to when the desk does not ask. */
export const EXPORT_DIR_NAME = '对账导出';

/** Where exports go when the desk does not ask: a folder in the user's home. */
export function defaultExportDir(): string {
  const dir = path.join(os.homedir(), EXPORT_DIR_NAME);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}
