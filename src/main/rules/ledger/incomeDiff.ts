import { family, familyWithoutNumber } from '../caseBuilders';
import type { Rule } from '../types';
import { householdFieldDiff } from './compare';

export const rule: Rule = {
  id: 'ledger.income_diff', family: 'ledger', severity: 'warning', level: 'household',
  title: '人均纯收入与系统不一致', explanation: '户卡、村表上的人均纯收入应与系统一致，否则收入核算经不起检查。',
  fix: '核实收入测算表，统一各台账。', reads: ['income_per_capita'], settings: [], needs: ['national'], tables: ['roll', 'roll_by_household', 'household_values', 'household_pairs'],
  check: (ctx) => householdFieldDiff(ctx, 'income_per_capita'),
  cases: [
    { name: '与系统不同', ledgers: { national: family(), card: familyWithoutNumber({}, { income_per_capita: 11000 }) }, expect: ['H1'] },
    { name: '规范化后相同', ledgers: { national: family(), card: familyWithoutNumber() }, expect: [] },
  ],
};
