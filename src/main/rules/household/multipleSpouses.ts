import { family } from '../caseBuilders';
import { collect, ledger } from '../query';
import type { Rule } from '../types';
import { householdsWhere } from './members';

export const rule: Rule = {
  id: 'household.multiple_spouses', family: 'household', severity: 'error', level: 'household',
  title: '一户有多个配偶', explanation: '户主只能有一名配偶；多个配偶多为子女或儿媳的关系录错。',
  fix: '核实各成员与户主的关系并更正。', reads: ['relation'], settings: [], needs: [], tables: ['roll', 'members', 'roll_by_household', 'household_values'],
  check: (ctx) => collect(ctx, householdsWhere(ctx, 'spouses > 1'), {}, { field: 'relation', level: 'household' },
    (hits) => `${[...new Set(hits.map((h) => ledger(h.kind)))].join('、')}中户 ${hits[0]?.entity ?? ''} 有多个配偶`),
  cases: [
    { name: '女儿登记为配偶', ledgers: { national: family({ daughter: { relation: '配偶' } }) }, expect: ['H1'] },
    { name: '正常', ledgers: { national: family() }, expect: [] },
  ],
};
