import { family, HEAD, SPOUSE } from '../caseBuilders';
import { checkTable } from '../checkTables';
import { collect, ledger } from '../query';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'household.head_id_mismatch', family: 'household', severity: 'error', level: 'household',
  title: '户主证件号码与户主本人不符', explanation: '“户主证件号码”一栏应与户主那一行的证件号码相同；不同说明户主换了或号码录错。',
  fix: '核实户主并更正户主证件号码。', reads: ['head_id', 'id_number', 'relation'], settings: [], needs: [], tables: ['roll', 'members', 'roll_by_household', 'relation_classes', 'member_heads'],
  check: (ctx) => collect(ctx, `SELECT m.household_key AS entity, m.household_key, m.village, m.id AS record_id, m.kind, m.person_key, m.name,
        m.head_id AS value
      FROM ${checkTable(ctx, 'member_heads')} m WHERE m.head_id_differs`,
    {}, { field: 'head_id', level: 'household' },
    (hits) => `${ledger(hits[0]?.kind ?? '')}中户 ${hits[0]?.entity ?? ''} 的户主证件号码填为 ${String(hits[0]?.value)}，与户主本人的号码不同`),
  cases: [
    { name: '填成配偶的号码', ledgers: { township: family({}, { head_id: SPOUSE }) }, expect: ['H1'] },
    { name: '正常', ledgers: { township: family({}, { head_id: HEAD }) }, expect: [] },
  ],
};
