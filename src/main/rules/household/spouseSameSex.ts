import { family } from '../caseBuilders';
import { checkTable } from '../checkTables';
import { collect, ledger } from '../query';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'household.spouse_same_sex', family: 'household', severity: 'warning', level: 'household',
  title: '户主与配偶性别相同', explanation: '户主与配偶性别相同，多为关系或证件号码录错。',
  fix: '核实配偶身份及其证件号码。', reads: ['relation', 'sex', 'id_number'], settings: [], needs: [], tables: ['roll', 'members', 'roll_by_household', 'relation_classes', 'member_heads'],
  // Both rows of a pair reported.
  check: (ctx) => collect(ctx, `WITH pair AS MATERIALIZED (SELECT household_key, kind, head, head_village, head_person, head_name, id AS spouse,
          village AS spouse_village, person_key AS spouse_person, name AS spouse_name
        FROM ${checkTable(ctx, 'member_heads')} WHERE spouse_same_sex)
      SELECT household_key AS entity, household_key, head_village AS village, head AS record_id, kind, head_person AS person_key, head_name AS name FROM pair
      UNION ALL
      SELECT household_key, household_key, spouse_village, spouse, kind, spouse_person, spouse_name FROM pair`, {}, { field: 'relation', level: 'household' },
    (hits) => `${[...new Set(hits.map((h) => ledger(h.kind)))].join('、')}中户 ${hits[0]?.entity ?? ''} 的户主与配偶性别相同`),
  cases: [
    { name: '儿子登记为配偶且无妻子', ledgers: { card: family({ spouse: { relation: '之女', id_number: null }, son: { relation: '配偶' } }).slice(0, 3).filter((r) => r.relation !== '之女') }, expect: ['H1'] },
    { name: '正常', ledgers: { card: family() }, expect: [] },
  ],
};
