import { DAUGHTER, family, SON } from '../caseBuilders';
import { checkTable } from '../checkTables';
import { collect, ledger } from '../query';
import type { Rule } from '../types';
import { MALE_RELATIONS } from './memberVsHead';

export const rule: Rule = {
  id: 'household.relation_sex', family: 'household', severity: 'error', level: 'person',
  title: '与户主关系和性别矛盾', explanation: '“之子”必为男性、“之女”必为女性等；关系与性别矛盾说明其中一项录错。',
  fix: '核实该成员的性别和与户主关系。', reads: ['relation', 'sex', 'id_number'], settings: [], needs: [], tables: ['roll', 'members', 'roll_by_household', 'relation_classes', 'member_heads'],
  // A member of a household with two heads has a row beside each.
  check: (ctx) => collect(ctx, `SELECT DISTINCT m.person_key AS entity, m.household_key, m.village, m.id AS record_id, m.kind, m.name,
        m.relation AS value
      FROM ${checkTable(ctx, 'member_heads')} m WHERE m.relation_sex`,
    {}, { field: 'relation', level: 'person' },
    (hits) => hits.map((h) => `${ledger(h.kind)}中${h.name ?? ''}登记为“${String(h.value)}”，但性别为${h.value && MALE_RELATIONS.includes(String(h.value)) ? '女' : '男'}`).join('；')),
  cases: [
    { name: '儿子登记为之女', ledgers: { card: family({ son: { relation: '之女' } }) }, expect: [SON] },
    { name: '女儿登记为之子', ledgers: { national: family({ daughter: { relation: '之子' } }) }, expect: [DAUGHTER] },
    { name: '正常', ledgers: { card: family() }, expect: [] },
  ],
};
