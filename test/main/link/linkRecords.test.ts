import { describe, expect, it } from 'vitest';
import { linkRecords, matchConfidence } from '../../../src/main/link/linkRecords';
import { family, familyWithoutNumber, SON } from '../../../src/main/rules/caseBuilders';
import { runCheck } from '../../../src/main/rules/engine';
import { listIssues } from '../../../src/main/rules/issueStore';
import { caseWorkspace } from '../rules/caseWorkspace';

const base = { id: 1, name: '王磊', id_number: null, id_status: 'missing', birth_date: null, head_name: null, village: null };
const candidate = { person_key: SON, birth_date: '2000-03-03', head_name: '王强', village: '新华村' };

describe('linkage', () => {
  it.each([
    ['damaged ID sharing the first 15 digits', { id_number: `${SON.slice(0, 15)}000`, id_status: 'excel_damaged' }, 0.95],
    ['mistyped ID one digit off', { id_number: `${SON.slice(0, 16)}9${SON.slice(17)}`, id_status: 'checksum' }, 0.9],
    ['missing ID, same birth date', { birth_date: '2000-03-03' }, 0.9],
    ['missing ID, same head and village', { head_name: '王强', village: '新华村' }, 0.8],
    ['a name alone', {}, 0],
    ['missing ID, other birth date', { birth_date: '2001-01-01' }, 0],
  ])('%s → %s', (_name, record, confidence) => {
    expect(matchConfidence({ ...base, ...record }, candidate)).toBe(confidence);
  });

  it('links a damaged ID as a probable match and shows it, with the evidence, on the identity issue', () => {
    const card = familyWithoutNumber().map((r) => (r.id_number === SON ? { ...r, id_number: `${SON.slice(0, 15)}000` } : r));
    const db = caseWorkspace({ ledgers: { national: family(), card } });
    runCheck(db);
    const row = db.prepare("SELECT person_key, link_method, link_confidence FROM records WHERE id_status = 'excel_damaged'").get();
    expect(row).toEqual({ person_key: SON, link_method: 'probable', link_confidence: 0.95 });
    const issue = listIssues(db).find((i) => i.rule === 'identity.excel_damaged');
    expect(issue?.message).toMatch(new RegExp(`疑似为证件号码 ${SON} 的同一人（依据：姓名相同，证件号码前 15 位相同，可信度 95%）`));
    expect(listIssues(db).some((i) => i.rule === 'ledger.missing' || i.rule === 'ledger.extra')).toBe(false);
  });

  it('links the same mistyped ID in two ledgers as one person by ID, and one ledger\'s mistyped ID only as a probable match', () => {
    const mistyped = `${SON.slice(0, 16)}9${SON.slice(17)}`;
    const typo = (rows: ReturnType<typeof family>) => rows.map((r) => (r.id_number === SON ? { ...r, id_number: mistyped } : r));
    const linksOf = (db: ReturnType<typeof caseWorkspace>) => {
      linkRecords(db);
      return db.prepare("SELECT DISTINCT person_key, link_method FROM records WHERE id_status = 'checksum'").all();
    };
    expect(linksOf(caseWorkspace({ ledgers: { national: typo(family()), card: typo(family()) } }))).toEqual([{ person_key: mistyped, link_method: 'id' }]);
    expect(linksOf(caseWorkspace({ ledgers: { national: family(), card: typo(family()) } }))).toEqual([{ person_key: SON, link_method: 'probable' }]);
  });

  it('two people with the same name and nothing else in common are never merged', () => {
    const db = caseWorkspace({ ledgers: { national: family(), card: [{ name: '王磊', id_number: null, head_name: '李四', village: '团结村' }] } });
    linkRecords(db);
    expect(db.prepare("SELECT person_key, link_method FROM records WHERE head_name = '李四'").get()).toMatchObject({ link_method: 'none' });
  });

  it('a first link rebuilds the link indexes it dropped, and a second link changes nothing', () => {
    const db = caseWorkspace({ ledgers: { national: family(), card: familyWithoutNumber() } });
    const indexes = () => db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'records' ORDER BY name").all();
    const before = indexes();
    linkRecords(db);
    expect(indexes()).toEqual(before);
    const links = () => db.prepare('SELECT id, person_key, household_key, link_method, link_confidence, id_birth, id_sex FROM records ORDER BY id').all();
    const first = links();
    expect(first.every((r) => (r as { person_key: string | null }).person_key !== null)).toBe(true);
    linkRecords(db);
    expect(links()).toEqual(first);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('village tables without 户编号 are grouped into households by consecutive rows under one 户主 and mapped to the national household', () => {
    const db = caseWorkspace({ ledgers: { national: family(), village: familyWithoutNumber() } });
    linkRecords(db);
    const keys = db.prepare("SELECT DISTINCT r.household_key AS k FROM records r JOIN sources s ON s.id = r.source_id WHERE s.kind = 'village'").all();
    expect(keys).toEqual([{ k: 'H1' }]);
  });
});
