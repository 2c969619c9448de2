import { caseId, family } from '../caseBuilders';
import { checkTable } from '../checkTables';
import { collect, ledger } from '../query';
import type { Rule } from '../types';

const oldSon = caseId('19650101', 33);
// The head was born on 1970-01-01: a child must be born on 1982-01-01 or later, a parent on 1958-01-01 or earlier.
const sonAt12 = caseId('19820101', 33);
const sonJustUnder12 = caseId('19811231', 33);
const fatherAt12 = caseId('19580101', 35);
const fatherJustUnder12 = caseId('19580102', 35);

export const rule: Rule = {
  id: 'household.relation_age', family: 'household', severity: 'warning', level: 'person',
  title: '与户主关系和年龄不合常理', explanation: '子女应比户主小 12 岁以上、父母应比户主大 12 岁以上；不合常理时多为关系录错。',
  fix: '入户核实该成员与户主的关系。', reads: ['relation', 'id_number'], settings: [], needs: [], tables: ['roll', 'members', 'roll_by_household', 'relation_classes', 'member_heads'],
  check: (ctx) => collect(ctx, `SELECT m.person_key AS entity, m.household_key, m.village, m.id AS record_id, m.kind, m.name, m.relation AS value
      FROM ${checkTable(ctx, 'member_heads')} m WHERE m.age_gap`,
    {}, { field: 'relation', level: 'person' },
    (hits) => hits.map((h) => `${ledger(h.kind)}中${h.name ?? ''}登记为“${String(h.value)}”，与户主的年龄差不到 12 岁`).join('；')),
  cases: [
    { name: '儿子比户主年长', ledgers: { national: family({ son: { id_number: oldSon } }) }, expect: [oldSon] },
    { name: '女儿登记为之母', ledgers: { national: family({ daughter: { relation: '之母' } }) }, expect: [family()[3]?.id_number as string] },
    { name: '正常', ledgers: { national: family() }, expect: [] },
    { name: '儿子恰好小 12 岁', ledgers: { national: family({ son: { id_number: sonAt12 } }) }, expect: [] },
    { name: '儿子差一天小 12 岁', ledgers: { national: family({ son: { id_number: sonJustUnder12 } }) }, expect: [sonJustUnder12] },
    { name: '父亲恰好大 12 岁', ledgers: { national: family({ son: { id_number: fatherAt12, relation: '之父' } }) }, expect: [] },
    { name: '父亲差一天大 12 岁', ledgers: { national: family({ son: { id_number: fatherJustUnder12, relation: '之父' } }) }, expect: [fatherJustUnder12] },
  ],
};
