import { family } from '../caseBuilders';
import { collect, ledger } from '../query';
import type { Rule } from '../types';
import { householdsWhere } from './members';

export const rule: Rule = {
  id: 'household.no_head', family: 'household', severity: 'error', level: 'household',
  title: '户内没有户主', explanation: '每户必须有且只有一名户主；没有户主的户无法核对户主信息和家庭关系。',
  fix: '核实户主并更正“与户主关系”。', reads: ['relation'], settings: [], needs: [], tables: ['roll', 'members', 'roll_by_household', 'household_values'],
  check: (ctx) => collect(ctx, householdsWhere(ctx, 'heads = 0'), {}, { field: 'relation', level: 'household' },
    (hits) => `${[...new Set(hits.map((h) => ledger(h.kind)))].join('、')}中户 ${hits[0]?.entity ?? ''} 没有户主`),
  cases: [
    { name: '户主改为其他', ledgers: { national: family({ head: { relation: '其他' } }) }, expect: ['H1'] },
    { name: '正常', ledgers: { national: family() }, expect: [] },
  ],
};
