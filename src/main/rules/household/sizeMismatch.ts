import { family } from '../caseBuilders';
import { collect, ledger } from '../query';
import type { Rule } from '../types';
import { householdsWhere } from './members';

export const rule: Rule = {
  id: 'household.size_mismatch', family: 'household', severity: 'error', level: 'household',
  title: '家庭人口数与成员数不符', explanation: '“家庭人口数”应等于本户登记的成员人数；不符说明有成员漏登、多登或人数未更新。',
  fix: '核实家庭成员，补登或删除成员并更新家庭人口数。', reads: ['household_size', 'relation'], settings: [], needs: [], tables: ['roll', 'members', 'roll_by_household', 'household_values'],
  check: (ctx) => collect(ctx, householdsWhere(ctx, 'household_size <> members',
    "'登记 ' || bad.household_size || ' 人，成员 ' || bad.members || ' 人'"),
    {}, { field: 'household_size', level: 'household' },
    (hits) => [...new Map(hits.map((h) => [h.kind, h])).values()].map((h) => `${ledger(h.kind)}中户 ${h.entity} ${String(h.value)}`).join('；')),
  cases: [
    { name: '多报一人', ledgers: { national: family({}, { household_size: 5 }) }, expect: ['H1'] },
    { name: '正常', ledgers: { national: family() }, expect: [] },
    { name: '台账没有“与户主关系”列，无成员可数', ledgers: { township: family().map(({ relation: _r, ...row }) => row) }, expect: [] },
  ],
};
