import { family } from '../caseBuilders';
import { checkTable } from '../checkTables';
import { collect, ledger } from '../query';
import type { Rule } from '../types';
import { members } from './members';

export const rule: Rule = {
  id: 'household.spouse_same_sex', family: 'household', severity: 'warning', level: 'household',
  title: '户主与配偶性别相同', explanation: '户主与配偶性别相同，多为关系或证件号码录错。',
  fix: '核实配偶身份及其证件号码。', reads: ['relation', 'sex', 'id_number'], settings: [], needs: [], tables: ['roll', 'members', 'heads'],
  // From each spouse to the heads of the household, and both rows of a pair reported: not two lookups per member row.
  check: (ctx) => collect(ctx, `WITH ${members(ctx)},
      pair AS MATERIALIZED (SELECT h.household_key, h.kind, h.id AS head, h.village AS head_village, h.person_key AS head_person,
          h.name AS head_name, sp.id AS spouse, sp.village AS spouse_village, sp.person_key AS spouse_person, sp.name AS spouse_name
        FROM m sp JOIN ${checkTable(ctx, 'heads')} h ON h.household_key = sp.household_key AND h.kind = sp.kind
        WHERE sp.relation = '配偶' AND h.sx = sp.sx)
      SELECT household_key AS entity, household_key, head_village AS village, head AS record_id, kind, head_person AS person_key, head_name AS name FROM pair
      UNION ALL
      SELECT household_key, household_key, spouse_village, spouse, kind, spouse_person, spouse_name FROM pair`, {}, { field: 'relation', level: 'household' },
    (hits) => `${[...new Set(hits.map((h) => ledger(h.kind)))].join('、')}中户 ${hits[0]?.entity ?? ''} 的户主与配偶性别相同`),
  cases: [
    { name: '儿子登记为配偶且无妻子', ledgers: { card: family({ spouse: { relation: '之女', id_number: null }, son: { relation: '配偶' } }).slice(0, 3).filter((r) => r.relation !== '之女') }, expect: ['H1'] },
    { name: '正常', ledgers: { card: family() }, expect: [] },
  ],
};
