import { family } from '../caseBuilders';
import { collect, ledger } from '../query';
import type { Rule } from '../types';
import { householdsWhere } from './members';

export const rule: Rule = {
  id: 'household.multiple_heads', family: 'household', severity: 'error', level: 'household',
  title: '一户有多个户主', explanation: '每户只能有一名户主；多个户主通常是分户、合户后没有更新关系。',
  fix: '核实户主，其他成员改为与户主的实际关系。', reads: ['relation'], settings: [], needs: [], tables: ['roll', 'members', 'roll_by_household', 'household_values'],
  check: (ctx) => collect(ctx, householdsWhere(ctx, 'heads > 1'), {}, { field: 'relation', level: 'household' },
    (hits) => `${[...new Set(hits.map((h) => ledger(h.kind)))].join('、')}中户 ${hits[0]?.entity ?? ''} 有多个户主`),
  cases: [
    { name: '配偶也登记为户主', ledgers: { national: family({ spouse: { relation: '户主' } }) }, expect: ['H1'] },
    { name: '正常', ledgers: { national: family() }, expect: [] },
  ],
};
