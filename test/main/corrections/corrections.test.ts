import { describe, expect, it } from 'vitest';
import { listCorrections, undoStacks } from '../../../src/main/corrections/correctionLog';
import { readCells } from '../../../src/main/corrections/cells';
import { adoptValue, bulkCorrect, correctRecords, redo, undo } from '../../../src/main/corrections/corrections';
import { saveSetting } from '../../../src/main/settings/settings';
import type { Db } from '../../../src/main/workspace/workspace';
import { checkedSampleCopy } from '../../helpers';

interface IssueLite { key: string; status: string; field: string | null; records: string; household_key: string }

const openIssues = (db: Db, rule: string): IssueLite[] =>
  db.prepare("SELECT key, status, field, records, household_key FROM issues WHERE rule = ? AND status = 'open' ORDER BY key").all(rule) as IssueLite[];
const statusOf = (db: Db, key: string): string => (db.prepare('SELECT status FROM issues WHERE key = ?').get(key) as { status: string }).status;
const refs = (issue: IssueLite): { id: number; source: string }[] => JSON.parse(issue.records) as { id: number; source: string }[];
const valueOf = (db: Db, id: number, field: string): unknown => (db.prepare(`SELECT ${field} AS v FROM records WHERE id = ?`).get(id) as { v: unknown }).v;
const rawOf = (db: Db, id: number): string => (db.prepare('SELECT raw FROM records WHERE id = ?').get(id) as { raw: string }).raw;

describe('corrections', () => {
  it('以此为准 takes the national value into every ledger, closes the cross-ledger issue, and undo/redo round-trip', () => {
    const { db } = checkedSampleCopy();
    const [issue] = openIssues(db, 'ledger.sex_diff');
    if (!issue) throw new Error('the sample has a sex difference');
    const national = refs(issue).find((r) => r.source === 'national');
    const others = refs(issue).filter((r) => r.source !== 'national');
    if (!national) throw new Error('the issue names the national record');
    const before = others.map((r) => valueOf(db, r.id, 'sex'));
    const raws = refs(issue).map((r) => rawOf(db, r.id));

    const result = adoptValue(db, national.id, 'sex', { reason: '系统数据为准', issueKey: issue.key });
    expect(result.changed).toBeGreaterThanOrEqual(others.length);
    for (const r of others) expect(valueOf(db, r.id, 'sex')).toBe(valueOf(db, national.id, 'sex'));
    expect(statusOf(db, issue.key)).toBe('resolved');
    expect(refs(issue).map((r) => rawOf(db, r.id))).toEqual(raws);

    undo(db);
    expect(others.map((r) => valueOf(db, r.id, 'sex'))).toEqual(before);
    expect(statusOf(db, issue.key)).toBe('open');
    redo(db);
    expect(statusOf(db, issue.key)).toBe('resolved');
    undo(db);
    expect(statusOf(db, issue.key)).toBe('open');

    const log = listCorrections(db).entries;
    expect(log.map((e) => e.action)).toEqual(expect.arrayContaining(['edit', 'undo', 'redo']));
    expect(log.every((e) => e.actor === '测试员')).toBe(true);
    expect(undoStacks(db)).toEqual({ done: [], undone: [expect.any(Number)] });
    expect(() => db.prepare('DELETE FROM corrections').run()).toThrow(/append-only/);
  });

  it('a household field changed on one member row changes the whole household in that ledger and closes 家庭人口 issues', () => {
    const { db } = checkedSampleCopy();
    // An issue where one ledger alone disagrees with the national export, so that fixing that ledger settles it.
    const issue = openIssues(db, 'ledger.size_diff').find((i) => new Set(refs(i).map((r) => r.source)).size === 2);
    if (!issue) throw new Error('the sample has a size difference in one ledger');
    const national = refs(issue).find((r) => r.source === 'national');
    const other = refs(issue).find((r) => r.source !== 'national');
    if (!national || !other) throw new Error('the issue names two ledgers');
    const size = String(valueOf(db, national.id, 'household_size'));
    const result = correctRecords(db, [other.id], 'household_size', `${size}人`, { reason: '录入错误', note: '户卡人数抄错' });
    const sourceId = (db.prepare('SELECT source_id FROM records WHERE id = ?').get(other.id) as { source_id: number }).source_id;
    const household = db.prepare('SELECT household_size AS v FROM records WHERE source_id = ? AND household_key = ?').all(sourceId, issue.household_key) as { v: number }[];
    expect(household.length).toBe(result.changed);
    expect(household.every((r) => r.v === Number(size))).toBe(true);
    expect(statusOf(db, issue.key)).not.toBe('open');
    expect(readCells(db, [other.id], 'household_size')[0]?.text).toBe(`${size}人`);
  });

  it('applies one correction to many selected issues in one batch, undone at once', () => {
    const { db } = checkedSampleCopy();
    const issues = openIssues(db, 'ledger.sex_diff').slice(0, 3);
    expect(issues.length).toBeGreaterThan(1);
    const result = bulkCorrect(db, [...issues.map((i) => i.key), 'no-such-issue'], { adoptFrom: 'national' }, { reason: '系统数据为准' });
    expect(result.skipped).toEqual([{ key: 'no-such-issue', reason: '找不到该问题' }]);
    for (const i of issues) expect(statusOf(db, i.key)).toBe('resolved');
    undo(db);
    for (const i of issues) expect(statusOf(db, i.key)).toBe('open');
  });

  it('refuses what a clerk could not have meant, and changes nothing', () => {
    const { db } = checkedSampleCopy();
    const id = (db.prepare("SELECT r.id FROM records r JOIN sources s ON s.id = r.source_id WHERE s.kind = 'national' LIMIT 1").get() as { id: number }).id;
    const count = () => (db.prepare('SELECT count(*) AS n FROM corrections').get() as { n: number }).n;
    expect(() => correctRecords(db, [id], 'household_size', '四口', { reason: '录入错误' })).toThrow('“四口”不是有效的家庭人口数');
    expect(() => correctRecords(db, [id], 'id_number', '530101199001011234', { reason: '录入错误' })).toThrow('身份证号码');
    expect(() => correctRecords(db, [id], 'sex', '女', { reason: ' ' })).toThrow('修改原因');
    expect(() => correctRecords(db, [id], 'helper_name', '张'.repeat(32_768), { reason: '录入错误' })).toThrow(/32768 个字符.*上限 32767/);
    expect(() => correctRecords(db, [id], 'raw', 'x', { reason: '录入错误' })).toThrow('没有可修改的字段');
    expect(() => undo(db)).toThrow('没有可以撤销的修改');
    saveSetting(db, 'operator', '');
    expect(() => correctRecords(db, [id], 'sex', '女', { reason: '录入错误' })).toThrow('操作员');
    expect(count()).toBe(0);
  });

  it('a corrected ID re-links the person and closes the damaged-ID issue', () => {
    const { db } = checkedSampleCopy();
    const [issue] = openIssues(db, 'identity.excel_damaged');
    if (!issue) throw new Error('the sample has an Excel-damaged ID');
    const [ref] = refs(issue);
    if (!ref) throw new Error('the issue names its record');
    const row = db.prepare(`SELECT n.id_number AS id FROM records r JOIN records n ON n.household_key = r.household_key AND n.name = r.name
      JOIN sources s ON s.id = n.source_id AND s.kind = 'national' WHERE r.id = ?`).get(ref.id) as { id: string } | undefined;
    if (!row) throw new Error('the national record of the person exists');
    correctRecords(db, [ref.id], 'id_number', row.id, { reason: '入户核实', issueKey: issue.key });
    expect(db.prepare('SELECT person_key, id_status FROM records WHERE id = ?').get(ref.id)).toEqual({ person_key: row.id, id_status: 'ok' });
    expect(statusOf(db, issue.key)).toBe('resolved');
  });
});
