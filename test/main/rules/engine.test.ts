import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseId, family } from '../../../src/main/rules/caseBuilders';
import { GroupClaims, openIssueCounts, ruleGroups, runCheck, runCheckInParallel } from '../../../src/main/rules/engine';
import { sharedRollFile } from '../../../src/main/rules/checkTables';
import { RULES } from '../../../src/main/rules/registry';
import { issueHistory, listIssues, setIssueStatus } from '../../../src/main/rules/issueStore';
import { setRuleSetting } from '../../../src/main/rules/ruleSettings';
import { parseSetting } from '../../../src/main/settings/settings';
import type { Db } from '../../../src/main/workspace/workspace';
import { checkedSampleCopy, tempDir } from '../../helpers';
import { caseWorkspace } from './caseWorkspace';

const twoHouseholds = () => caseWorkspace({
  ledgers: {
    national: [
      ...family({}, { helper_name: null }),
      ...family({}, { household_no: 'H2', helper_name: null }).map((r, i) => ({ ...r, name: `李${i}`, id_number: caseId(`19${60 + i}0101`, 101 + i) })),
    ],
  },
});

const statusOf = (db: Db, rule: string, household: string) =>
  listIssues(db).find((i) => i.rule === rule && i.householdKey === household)?.status;

function setHelper(db: Db, household: string, name: string | null): void {
  db.prepare('UPDATE records SET helper_name = ? WHERE household_no = ?').run(name, household);
}

describe('rule engine and issue list', () => {
  it('an issue closes itself (已整改) when a re-check no longer finds it, and comes back when found again', () => {
    const db = twoHouseholds();
    runCheck(db);
    expect(statusOf(db, 'assist.no_helper', 'H1')).toBe('open');
    setHelper(db, 'H1', '赵敏');
    const summary = runCheck(db);
    expect(summary.closed).toBeGreaterThanOrEqual(1);
    expect(statusOf(db, 'assist.no_helper', 'H1')).toBe('resolved');
    setHelper(db, 'H1', null);
    runCheck(db);
    expect(statusOf(db, 'assist.no_helper', 'H1')).toBe('open');
    expect(issueHistory(db, 'assist.no_helper|H1|helper_name').map((h) => h.status)).toEqual(['open', 'resolved', 'open']);
  });

  it('核实无误 needs a reason and stays closed while the data are unchanged; it reopens when they change', () => {
    const db = twoHouseholds();
    saveSize(db, 5);
    runCheck(db);
    const key = 'household.size_mismatch|H1|household_size';
    expect(() => setIssueStatus(db, key, { status: 'confirmed', actor: '测试' })).toThrow(/核实理由/);
    setIssueStatus(db, key, { status: 'confirmed', reason: '入户核实：一人常年在外，户口在本户', actor: '测试' });
    runCheck(db);
    expect(statusOf(db, 'household.size_mismatch', 'H1')).toBe('confirmed');
    saveSize(db, 6);
    runCheck(db);
    expect(statusOf(db, 'household.size_mismatch', 'H1')).toBe('open');
  });

  it('暂缓 needs a date and ends on it', () => {
    const db = twoHouseholds();
    runCheck(db);
    const key = 'assist.no_helper|H1|helper_name';
    expect(() => setIssueStatus(db, key, { status: 'deferred', actor: '测试' })).toThrow(/暂缓到的日期/);
    setIssueStatus(db, key, { status: 'deferred', until: '2999-01-01', reason: '等待村委会调整帮扶人', actor: '测试' });
    runCheck(db);
    expect(statusOf(db, 'assist.no_helper', 'H1')).toBe('deferred');
    setIssueStatus(db, key, { status: 'deferred', until: '2000-01-01', actor: '测试' });
    runCheck(db);
    expect(statusOf(db, 'assist.no_helper', 'H1')).toBe('open');
  });

  it('a rule can be switched off or given another severity per workspace', () => {
    const db = twoHouseholds();
    setRuleSetting(db, 'assist.no_helper', { severity: 'error' });
    runCheck(db);
    expect(listIssues(db).find((i) => i.rule === 'assist.no_helper')?.severity).toBe('error');
    setRuleSetting(db, 'assist.no_helper', { enabled: false });
    const summary = runCheck(db);
    expect(summary.rules.find((r) => r.id === 'assist.no_helper')).toMatchObject({ ran: false, skipped: '已停用' });
    expect(() => setRuleSetting(db, 'no.such_rule', { enabled: false })).toThrow(/没有规则/);
  });

  it('a scoped re-check looks only at the affected households and closes only their issues', () => {
    const db = twoHouseholds();
    runCheck(db);
    setHelper(db, 'H1', '赵敏');
    setHelper(db, 'H2', '钱芳');
    const summary = runCheck(db, { households: ['H1'] });
    expect(statusOf(db, 'assist.no_helper', 'H1')).toBe('resolved');
    expect(statusOf(db, 'assist.no_helper', 'H2')).toBe('open');
    expect(summary.closed).toBe(1);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_temp_master WHERE name = 'records'").get()).toEqual({ n: 0 });
    runCheck(db);
    expect(statusOf(db, 'assist.no_helper', 'H2')).toBe('resolved');
  });

  it('settings given as text are checked against the default form', () => {
    expect(parseSetting('schoolAge', '[6,16]')).toEqual({ key: 'schoolAge', value: [6, 16] });
    expect(parseSetting('asOf', '2026-06-30').value).toBe('2026-06-30');
    expect(() => parseSetting('schoolAge', '6')).toThrow(/同一形式/);
    expect(() => parseSetting('asOf', '去年')).toThrow(/同一形式/);
    expect(() => parseSetting('nonsense', '1')).toThrow(/没有设置项/);
  });
});

function saveSize(db: Db, size: number): void {
  db.prepare('UPDATE records SET household_size = ? WHERE household_no = ?').run(size, 'H1');
}

/** The rule worker the global setup built. */
const RULE_WORKER = path.resolve('dist/ruleWorker.mjs');

/** The sample with some helpers removed since its last check, so that a check has issues to open. */
function changedSample(): Db {
  const { db } = checkedSampleCopy();
  db.prepare(`UPDATE records SET helper_name = NULL WHERE household_key IN (SELECT DISTINCT household_key FROM records
    WHERE household_key IS NOT NULL ORDER BY household_key LIMIT 5)`).run();
  return db;
}

const issueList = (db: Db) => listIssues(db).map((i) => `${i.key} ${i.status} ${i.message}`).sort();

describe('a full check on two threads', () => {
  it('keeps the rules that read a check table of their own in common together, so that it is built on one thread', () => {
    const groups = ruleGroups(RULES.map((rule) => ({ rule })));
    expect(groups.flat()).toHaveLength(RULES.length);
    const groupOf = (id: string) => groups.findIndex((g) => g.some((p) => p.rule.id === id));
    // Even through a table made from it: the national export's rows are built once for the rules of both kinds.
    for (const table of ['household_values', 'member_heads', 'person_pairs', 'person_kinds', 'national', 'dept'] as const) {
      const readers = RULES.filter((r) => r.tables.includes(table)).map((r) => groupOf(r.id));
      expect([table, readers.length > 1, new Set(readers).size]).toEqual([table, true, 1]);
    }
    // The roll and its indexes, which those tables are made from, are built once for both threads: they tie no rules.
    expect(groupOf('household.no_head')).not.toBe(groupOf('ledger.name_diff'));
    expect(groupOf('ledger.missing')).not.toBe(groupOf('ledger.name_diff'));
    // So are the members: the rules comparing members with the head go apart from those counting members.
    expect(groupOf('household.relation_age')).not.toBe(groupOf('household.no_head'));
    // Rules that read no check table go to whichever thread has less to do, one by one.
    expect(groupOf('identity.duplicate')).not.toBe(groupOf('identity.sex_mismatch'));
  });

  it('hands each rule group to one thread: the first the other has not claimed that it can start now, if it can start any', () => {
    const groups = [['a1', 'a2'], ['b'], ['c1', 'c2', 'c3'], ['d']];
    const mineClaims = new GroupClaims(groups.length);
    const mine = mineClaims.claimed(groups);
    // The other thread cannot start groups 0 and 2 yet (as the rule worker cannot start those reading the roll before it is built).
    const theirs = new GroupClaims(groups.length, mineClaims.buffer).claimed(groups, (i) => i === 1 || i === 3);
    // Interleaved as two threads would: each takes a whole group when it has finished the one before.
    const taken = [theirs.next().value, mine.next().value, theirs.next().value, mine.next().value, theirs.next().value];
    expect(taken).toEqual(['b', 'a1', 'd', 'a2', 'c1']);
    expect([...mine]).toEqual([]);
    expect([...theirs]).toEqual(['c2', 'c3']);
  });

  it('opens and closes exactly the issues one thread does', async () => {
    const one = changedSample();
    const two = changedSample();
    const alone = runCheck(one);
    const shared = await runCheckInParallel(two, { ruleWorker: RULE_WORKER, minRecords: 0 });
    expect(alone.opened).toBeGreaterThan(0);
    expect(issueList(two)).toEqual(issueList(one));
    expect(shared.rules.map((r) => [r.id, r.ran, r.found])).toEqual(alone.rules.map((r) => [r.id, r.ran, r.found]));
    expect([shared.opened, shared.closed, shared.open]).toEqual([alone.opened, alone.closed, alone.open]);
    expect(alone.sharedRollMs).toBe(0);
    // The roll both threads read was built and is gone.
    expect(shared.rules.find((r) => r.id === 'ledger.name_diff')?.found).toBeGreaterThan(0);
    expect(fs.existsSync(sharedRollFile(two.name))).toBe(false);
  });

  it('fails when its rule worker dies, leaving the issue list as it was', async () => {
    const db = changedSample();
    const before = issueList(db);
    const dying = path.join(tempDir(), 'dying.mjs');
    fs.writeFileSync(dying, 'process.exit(3);\n');
    await expect(runCheckInParallel(db, { ruleWorker: dying, minRecords: 0 })).rejects.toThrow(/rule worker exited \(3\)/);
    expect(db.inTransaction).toBe(false);
    expect(issueList(db)).toEqual(before);
    expect(fs.existsSync(sharedRollFile(db.name))).toBe(false);
    expect(runCheck(db).opened).toBeGreaterThan(0);
  });

  it('fails when the roll both threads read cannot be built, and the worker does not wait for it', async () => {
    const db = changedSample();
    const before = issueList(db);
    // A directory where the roll's file goes: it cannot be replaced.
    fs.mkdirSync(sharedRollFile(db.name));
    await expect(runCheckInParallel(db, { ruleWorker: RULE_WORKER, minRecords: 0 })).rejects.toThrow(/check/);
    expect(db.inTransaction).toBe(false);
    expect(issueList(db)).toEqual(before);
    fs.rmdirSync(sharedRollFile(db.name));
    expect((await runCheckInParallel(db, { ruleWorker: RULE_WORKER, minRecords: 0 })).opened).toBeGreaterThan(0);
  });
});

describe('open issue counts', () => {
  it('by family and by village, each by severity, in order: the same as grouping every open issue', () => {
    const db = changedSample();
    runCheck(db);
    db.prepare("UPDATE issues SET village = NULL WHERE rowid IN (SELECT rowid FROM issues WHERE status = 'open' LIMIT 3)").run();
    const { byFamily, byVillage } = openIssueCounts(db);
    expect(byFamily).toEqual(db.prepare(`SELECT substr(rule, 1, instr(rule, '.') - 1) AS family, severity, count(*) AS count
      FROM issues WHERE status = 'open' GROUP BY 1, 2 ORDER BY 1, 2`).all());
    expect(byVillage).toEqual(db.prepare(`SELECT coalesce(village, '（未知村）') AS village, severity, count(*) AS count
      FROM issues WHERE status = 'open' GROUP BY 1, 2 ORDER BY 1, 2`).all());
    expect(byVillage.map((v) => v.village)).toContain('（未知村）');
    expect(new Set(byFamily.map((f) => f.family)).size).toBeGreaterThan(3);
  });
});

