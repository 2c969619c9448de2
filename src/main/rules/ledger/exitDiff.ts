import { family, familyWithoutNumber } from '../caseBuilders';
import type { Rule } from '../types';
import { householdFieldDiff } from './compare';

export const rule: Rule = {
  id: 'ledger.exit_diff', family: 'ledger', severity: 'error', level: 'household',
  title: '脱贫年度与系统不一致', explanation: '脱贫年度是脱贫户身份的核心信息，卡表册与系统不一致会被认定为账账不符。',
  fix: '以系统和脱贫验收材料为准，统一各台账。', reads: ['exit_year'], settings: [], needs: ['national'], tables: ['roll', 'roll_by_household', 'household_values', 'household_pairs'],
  check: (ctx) => householdFieldDiff(ctx, 'exit_year'),
  cases: [
    { name: '与系统不同', ledgers: { national: family(), township: family({}, { exit_year: 2017 }) }, expect: ['H1'] },
    { name: '规范化后相同', ledgers: { national: family(), card: familyWithoutNumber() }, expect: [] },
  ],
};
