import { UNKNOWN_VILLAGE } from '../../shared/domain/fields';
import { LEDGER_KIND_BY_ID, type LedgerKindId } from '../../shared/domain/ledgerKinds';
import { RULE_FAMILIES, SEVERITIES, type RuleFamily, type Severity } from '../../shared/domain/rules';
import { linkRecords, relinkHouseholds, type LinkSummary } from '../link/linkRecords';
import { asOfDate, loadSettings } from '../settings/settings';
import type { Db } from '../workspace/workspace';
import { closeMissing, saveFindings } from './issueStore';
import { CHECK_MESSAGES } from './messages';
import { RULES } from './registry';
import { buildSharedRoll, dropCheckTables, ownTables, removeSharedRoll, sharedRoll, sharedRollFile } from './checkTables';
import { registerRuleFunctions } from './sqlFunctions';
import { startRuleHelper, type RuleHelper, type RuleResult } from './ruleHelper';
import type { Rule, RuleContext } from './types';

export interface RuleRun {
  id: string;
  title: string;
  severity: Severity;
  ran: boolean;
  found: number;
  /** Why it did not run (switched off, a ledger kind not imported). */
  skipped: string | null;
  ms: number;
}

export interface CheckSummary {
  asOf: string;
  link: LinkSummary;
  rules: RuleRun[];
  /** How long the roll both threads of a check read took to build (0 when the check ran on one thread). */
  sharedRollMs: number;
  /** One line per missing ledger kind: "未导入医保参保名单，跳过 N 条规则". */
  notes: string[];
  /** Open issues by family and severity. */
  byFamily: { family: RuleFamily; severity: Severity; count: number }[];
  /** Open issues by village and severity. */
  byVillage: { village: string; severity: Severity; count: number }[];
  opened: number;
  closed: number;
  open: number;
}

interface RuleSetting {
  rule: string;
  enabled: number;
  severity: string | null;
}

/** What the rules of a check read: no check table is built until a rule asks for it (checkTables.ts). */
export function ruleContext(db: Db): RuleContext {
  registerRuleFunctions(db);
  dropCheckTables(db);
  // The check tables live in the connection's temporary database; with SQLite's 16 MB page cache for it a county's rules
  // read their pages back from the temporary file (full check 40.1 → 35.2 s with 128 MB, peak 1 132 → 1 311 MB, measured).
  db.pragma('temp.cache_size = -131072');
  const settings = loadSettings(db);
  const asOf = asOfDate(settings);
  return { db, settings, asOf, incomeYear: Number(asOf.slice(0, 4)) - 1, tables: new Set() };
}

function importedKinds(db: Db): Set<LedgerKindId> {
  return new Set((db.prepare('SELECT DISTINCT kind FROM sources').all() as { kind: LedgerKindId }[]).map((r) => r.kind));
}

export interface CheckOptions {
  rules?: readonly Rule[];
  /**
   * Re-check only these households (after a correction): every rule runs over their records alone, widened to the
   * households that share a person with them, and only issues inside that scope can close.
   */
  households?: readonly string[];
  /** Called before linking and before each rule, for a progress bar. */
  onProgress?: (done: number, total: number, label: string) => void;
}

/**
 * Rules read `records` unqualified; a temporary view of that name shadows the table (SQLite looks in temp first), so
 * the same SQL runs over the scope alone.
 */
function enterScope(db: Db, households: readonly string[]): string[] {
  const keys = JSON.stringify(households);
  const widened = db.prepare(`SELECT DISTINCT o.household_key AS k FROM main.records r JOIN main.records o ON o.person_key = r.person_key
    WHERE r.household_key IN (SELECT value FROM json_each(?)) AND o.household_key IS NOT NULL`).all(keys) as { k: string }[];
  const scope = [...new Set([...households, ...widened.map((w) => w.k)])];
  db.exec('DROP VIEW IF EXISTS temp.records; DROP TABLE IF EXISTS temp.scope');
  db.exec('CREATE TEMP TABLE scope (household_key TEXT PRIMARY KEY)');
  const add = db.prepare('INSERT OR IGNORE INTO temp.scope VALUES (?)');
  for (const k of scope) add.run(k);
  // CROSS JOIN fixes the join order: start from the few scoped households and reach their records by index.
  db.exec('CREATE TEMP VIEW records AS SELECT r.* FROM temp.scope sc CROSS JOIN main.records r ON r.household_key = sc.household_key');
  return scope;
}

function leaveScope(db: Db): void {
  db.exec('DROP VIEW IF EXISTS temp.records; DROP TABLE IF EXISTS temp.scope');
}

/**
 * Planner statistics once the links are new: with them SQLite picks the index plans that cut the rules' CPU time by a
 * quarter (measured). Sampled (analysis_limit) so the cost stays flat on a county.
 */
function refreshStatistics(db: Db): void {
  db.exec('PRAGMA analysis_limit = 1000; ANALYZE');
}

/** A rule that will run in this check, with the entry of the summary it fills in. */
interface PlannedRule {
  rule: Rule;
  severity: Severity;
  run: RuleRun;
}

interface CheckPlan {
  started: string;
  link: LinkSummary;
  scope: string[] | null;
  ctx: RuleContext;
  runs: RuleRun[];
  toRun: PlannedRule[];
  missingCounts: Map<LedgerKindId, number>;
  before: number;
  /** The keys of the issues the rules saved so far found. */
  found: Set<string>;
  /** The check's savepoint is open: a transaction of its own, or part of the caller's (a correction and its re-check). */
  open: boolean;
  sharedRollMs: number;
}

/**
 * Link (or re-link the scope) and decide which rules run and why the others do not. `linked` sees the rules that will
 * run as soon as the links are written (a second thread can start on its share of them).
 */
function beginCheck(db: Db, options: CheckOptions, linked?: (toRun: readonly PlannedRule[]) => void): CheckPlan {
  const rules = options.rules ?? RULES;
  const started = new Date().toISOString();
  const linkStarted = performance.now();
  let links: Omit<LinkSummary, 'ms'> = { byId: 0, probable: 0, unlinked: 0, households: options.households?.length ?? 0 };
  let scope: string[] | null = null;
  if (options.households) {
    relinkHouseholds(db, options.households);
    scope = enterScope(db, options.households);
  } else {
    options.onProgress?.(0, rules.length, CHECK_MESSAGES.linking);
    links = linkRecords(db);
    refreshStatistics(db);
  }
  const link: LinkSummary = { ...links, ms: Math.round(performance.now() - linkStarted) };
  const kinds = importedKinds(db);
  const overrides = new Map((db.prepare('SELECT rule, enabled, severity FROM rule_settings').all() as RuleSetting[]).map((r) => [r.rule, r]));
  const missingCounts = new Map<LedgerKindId, number>();
  const runs: RuleRun[] = [];
  const toRun: PlannedRule[] = [];
  for (const rule of rules) {
    const setting = overrides.get(rule.id);
    const severity = (setting?.severity ?? rule.severity) as Severity;
    const missing = rule.needs.filter((k) => !kinds.has(k));
    if (setting && setting.enabled === 0) {
      runs.push({ id: rule.id, title: rule.title, severity, ran: false, found: 0, skipped: CHECK_MESSAGES.disabled, ms: 0 });
    } else if (missing.length > 0) {
      for (const k of missing) missingCounts.set(k, (missingCounts.get(k) ?? 0) + 1);
      runs.push({ id: rule.id, title: rule.title, severity, ran: false, found: 0, skipped: CHECK_MESSAGES.notImported(missing.map((k) => LEDGER_KIND_BY_ID.get(k)?.label ?? k)), ms: 0 });
    } else {
      const run: RuleRun = { id: rule.id, title: rule.title, severity, ran: true, found: 0, skipped: null, ms: 0 };
      runs.push(run);
      toRun.push({ rule, severity, run });
    }
  }
  const before = (db.prepare("SELECT count(*) AS n FROM issues WHERE status = 'open'").get() as { n: number }).n;
  linked?.(toRun);
  return { started, link, scope, ctx: ruleContext(db), runs, toRun, missingCounts, before, found: new Set(), open: false, sharedRollMs: 0 };
}

/**
 * Open the check's savepoint (before the first rule reads, so that every rule sees the same data) and run these rules
 * on this thread, saving each one's findings; `between` runs after each (to save what the other thread has finished).
 */
function runRules(db: Db, plan: CheckPlan, rules: Iterable<PlannedRule>, onProgress: CheckOptions['onProgress'], between = () => {}): Set<PlannedRule> {
  db.exec('SAVEPOINT run_check');
  plan.open = true;
  const ran = new Set<PlannedRule>();
  for (const p of rules) {
    onProgress?.(ran.size, plan.toRun.length, CHECK_MESSAGES.checking(p.rule.title));
    saveRun(db, plan, p, timedCheck(p.rule, plan.ctx));
    ran.add(p);
    between();
  }
  return ran;
}

/** One rule's findings and how long it took: on either thread. */
export function timedCheck(rule: Rule, ctx: RuleContext): RuleResult {
  const t0 = performance.now();
  const findings = rule.check(ctx);
  return { findings, ms: Math.round(performance.now() - t0) };
}

/** A rule's findings become issues (or bring theirs up to date) and its entry in the summary is filled in. */
function saveRun(db: Db, plan: CheckPlan, p: PlannedRule, result: RuleResult): void {
  p.run.found = result.findings.length;
  p.run.ms = result.ms;
  for (const key of saveFindings(db, p.rule, p.severity, result.findings, plan.started, plan.ctx.settings.operator)) plan.found.add(key);
}

/**
 * Issues of the rules that ran which nothing found any more close; then the check's savepoint is released. Returns how
 * many closed.
 */
function closeAndCommit(db: Db, plan: CheckPlan): number {
  const closed = closeMissing(db, plan.toRun.map((p) => p.rule.id), plan.found, plan.started, plan.ctx.settings.operator, plan.scope);
  db.exec('RELEASE run_check');
  plan.open = false;
  return closed;
}

function endCheck(db: Db, plan: CheckPlan): void {
  if (plan.open) db.exec('ROLLBACK TO run_check; RELEASE run_check');
  dropCheckTables(db);
  if (plan.scope) leaveScope(db);
}

function summarize(db: Db, plan: CheckPlan, closed: number): CheckSummary {
  const notes = [...plan.missingCounts].map(([k, n]) => CHECK_MESSAGES.skippedRules(LEDGER_KIND_BY_ID.get(k)?.label ?? k, n));
  const { byFamily, byVillage } = openIssueCounts(db);
  const open = (db.prepare("SELECT count(*) AS n FROM issues WHERE status = 'open'").get() as { n: number }).n;
  const summary: CheckSummary = {
    asOf: plan.ctx.asOf, link: plan.link, rules: plan.runs, sharedRollMs: plan.sharedRollMs, notes, byFamily, byVillage, opened: Math.max(0, open - plan.before + closed), closed, open,
  };
  db.prepare('INSERT INTO check_runs (started_at, finished_at, summary) VALUES (?, ?, ?)').run(plan.started, new Date().toISOString(), JSON.stringify(summary));
  return summary;
}

/** Link every record, run every enabled rule whose ledgers are present, and bring the issue list up to date. */
export function runCheck(db: Db, options: CheckOptions = {}): CheckSummary {
  const plan = beginCheck(db, options);
  let closed: number;
  try {
    runRules(db, plan, plan.toRun, options.onProgress);
    closed = closeAndCommit(db, plan);
  } finally {
    endCheck(db, plan);
  }
  return summarize(db, plan, closed);
}

/** Below this many records a second thread costs more to start (its own copy of the rules' tables) than it saves. */
export const PARALLEL_MIN_RECORDS = 200_000;

export interface ParallelOptions {
  /** The built rule worker (dist/ruleWorker.mjs); null runs every rule on this thread. */
  ruleWorker: string | URL | null;
  minRecords?: number;
}

/**
 * A full check with the rules shared between this thread and a second one (its own connection and tables), for a
 * county on a machine with two cores; small workspaces and re-checks of a few households run as `runCheck`.
 * This thread builds the roll both read first, while the worker starts on the rules that do not read it.
 */
export async function runCheckInParallel(db: Db, options: CheckOptions & ParallelOptions): Promise<CheckSummary> {
  const { ruleWorker } = options;
  const large = () => (db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n >= (options.minRecords ?? PARALLEL_MIN_RECORDS);
  if (!ruleWorker || options.households || !large()) return runCheck(db, options);
  const roll = sharedRoll(sharedRollFile(db.name));
  const share = { groups: [] as PlannedRule[][], claims: new GroupClaims(0), helper: null as RuleHelper | null };
  let plan: CheckPlan;
  try {
    plan = beginCheck(db, options, (toRun) => {
      share.groups = orderedGroups(toRun, lastRuleTimes(db));
      share.claims = new GroupClaims(share.groups.length);
      share.helper = startRuleHelper(ruleWorker, {
        file: db.name,
        groups: share.groups.map((g) => g.map((p) => p.rule.id)),
        claims: share.claims.buffer,
        roll: { file: roll.file, state: roll.state.buffer as SharedArrayBuffer },
      });
    });
  } catch (error) {
    share.helper?.stop();
    removeSharedRoll(roll);
    throw error;
  }
  let closed: number;
  try {
    const rollStarted = performance.now();
    buildSharedRoll(plan.ctx, roll);
    plan.sharedRollMs = Math.round(performance.now() - rollStarted);
    const byId = new Map(plan.toRun.map((p) => [p.rule.id, p]));
    const theirs = new Set<PlannedRule>();
    const save = (results: Map<string, RuleResult>) => {
      for (const [id, result] of results) {
        const p = byId.get(id);
        if (!p) throw new Error(`rule worker ran ${id}, which this check does not`);
        saveRun(db, plan, p, result);
        theirs.add(p);
      }
    };
    const helper = share.helper;
    const mine = runRules(db, plan, share.claims.claimed(share.groups), options.onProgress,
      () => helper && save(helper.take()));
    options.onProgress?.(mine.size, plan.toRun.length, CHECK_MESSAGES.waitingForOtherThread);
    if (helper) save(await helper.rest());
    const missing = plan.toRun.find((p) => !mine.has(p) && !theirs.has(p));
    if (missing) throw new Error(`rule worker returned nothing for ${missing.rule.id}`);
    closed = closeAndCommit(db, plan);
  } finally {
    share.helper?.stop();
    endCheck(db, plan);
    removeSharedRoll(roll);
  }
  return summarize(db, plan, closed);
}

/**
 * The rule groups of a check, shared by its two threads: each claims the next group that the other has not, when it has
 * finished the one before, so that neither waits while the other has work (a split made beforehand rests on the last
 * check's times, and a workspace's first check has none).
 */
export class GroupClaims {
  private readonly claims: Int32Array;

  constructor(groups: number, readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(4 * groups)) {
    this.claims = new Int32Array(buffer);
  }

  /**
   * Every member of each group this thread claims, until none is left: the first unclaimed one in their order (the
   * longest first) that it can start now, or the first unclaimed one when it can start none (and it waits).
   */
  *claimed<T>(groups: readonly (readonly T[])[], canStart: (group: number) => boolean = () => true): Generator<T> {
    for (;;) {
      const open = groups.map((_, i) => i).filter((i) => Atomics.load(this.claims, i) === 0);
      const next = open.find(canStart) ?? open[0];
      if (next === undefined) return;
      if (Atomics.compareExchange(this.claims, next, 0, 1) === 0) yield* groups[next] ?? [];
    }
  }
}

/** Each rule's time in the last full check, to take the longest groups of rules first. */
function lastRuleTimes(db: Db): Map<string, number> {
  const last = db.prepare('SELECT summary FROM check_runs ORDER BY id DESC LIMIT 20').pluck().all() as string[];
  const full = last.map((s) => JSON.parse(s) as CheckSummary).find((s) => s.link.byId > 0);
  return new Map((full?.rules ?? []).map((r) => [r.id, r.ms]));
}

/**
 * The rules in groups that go to one thread whole: rules that read a check table of their own in common are in one
 * group, as a thread builds the tables its rules read and a table built on both threads is built twice.
 */
export function ruleGroups<T extends { rule: Rule }>(rules: readonly T[]): T[][] {
  const parent = new Map<string, string>();
  const find = (key: string): string => {
    const up = parent.get(key) ?? key;
    if (up === key) return key;
    const root = find(up);
    parent.set(key, root);
    return root;
  };
  for (const p of rules) for (const table of ownTables(p.rule.tables)) parent.set(find(`rule:${p.rule.id}`), find(`table:${table}`));
  const groups = new Map<string, T[]>();
  for (const p of rules) {
    const root = find(`rule:${p.rule.id}`);
    groups.set(root, [...(groups.get(root) ?? []), p]);
  }
  return [...groups.values()];
}

/** The rule groups, the longest first (rules never timed count as a second each): the order the threads claim them in. */
function orderedGroups(rules: readonly PlannedRule[], times: ReadonlyMap<string, number>): PlannedRule[][] {
  const cost = (group: readonly PlannedRule[]) => group.reduce((n, p) => n + (times.get(p.rule.id) ?? 1000), 0);
  return ruleGroups(rules).sort((a, b) => cost(b) - cost(a));
}

/**
 * Open issues by rule and severity, and by village and severity, grouped in the order of the open-issue indexes so that
 * nothing is sorted: a re-check of one household returns these counts for the whole county.
 */
export const OPEN_BY_RULE_SQL = `SELECT rule, severity, count(*) AS count FROM issues INDEXED BY issues_open_rule
  WHERE status = 'open' GROUP BY rule, severity`;
export const OPEN_BY_VILLAGE_SQL = `SELECT village, severity, count(*) AS count FROM issues INDEXED BY issues_open_village
  WHERE status = 'open' GROUP BY village, severity`;

const byKeys = <T extends { severity: string }>(key: (row: T) => string) => (a: T, b: T): number =>
  key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.severity < b.severity ? -1 : a.severity > b.severity ? 1 : 0;

/** Open issues counted by rule family and by village, each split by severity: the check summary and the dashboard. */
export function openIssueCounts(db: Db): Pick<CheckSummary, 'byFamily' | 'byVillage'> {
  const families = new Map<string, CheckSummary['byFamily'][number]>();
  for (const r of db.prepare(OPEN_BY_RULE_SQL).all() as { rule: string; severity: Severity; count: number }[]) {
    const family = r.rule.slice(0, r.rule.indexOf('.')) as RuleFamily;
    if (!Object.hasOwn(RULE_FAMILIES, family) || !Object.hasOwn(SEVERITIES, r.severity)) continue;
    const entry = families.get(`${family}|${r.severity}`);
    if (entry) entry.count += r.count;
    else families.set(`${family}|${r.severity}`, { family, severity: r.severity, count: r.count });
  }
  const byVillage = (db.prepare(OPEN_BY_VILLAGE_SQL).all() as { village: string | null; severity: Severity; count: number }[])
    .map((r) => ({ ...r, village: r.village ?? UNKNOWN_VILLAGE }));
  return {
    byFamily: [...families.values()].sort(byKeys((r) => r.family)),
    byVillage: byVillage.sort(byKeys((r) => r.village)),
  };
}
