import { family, familyWithoutNumber } from '../caseBuilders';
import type { Rule } from '../types';
import { householdFieldDiff } from './compare';

export const rule: Rule = {
  id: 'ledger.size_diff', family: 'ledger', severity: 'error', level: 'household',
  title: '家庭人口数与系统不一致', explanation: '卡、表、册与系统的家庭人口数必须一致（账账相符）。',
  fix: '核实家庭成员后统一家庭人口数。', reads: ['household_size'], settings: [], needs: ['national'], tables: ['roll', 'roll_by_household', 'household_values', 'household_pairs'],
  check: (ctx) => householdFieldDiff(ctx, 'household_size'),
  cases: [
    { name: '与系统不同', ledgers: { national: family(), card: familyWithoutNumber({}, { household_size: 3 }) }, expect: ['H1'] },
    { name: '规范化后相同', ledgers: { national: family(), card: familyWithoutNumber() }, expect: [] },
  ],
};
