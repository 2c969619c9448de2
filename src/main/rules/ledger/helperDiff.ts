import { family, familyWithoutNumber } from '../caseBuilders';
import type { Rule } from '../types';
import { householdFieldDiff } from './compare';

export const rule: Rule = {
  id: 'ledger.helper_diff', family: 'ledger', severity: 'info', level: 'household',
  title: '帮扶责任人与系统不一致', explanation: '帮扶责任人调整后，户卡、村表要同步更新。',
  fix: '以最新帮扶安排为准，更新各台账。', reads: ['helper_name'], settings: [], needs: ['national'], tables: ['roll', 'roll_by_household', 'household_values', 'household_pairs'],
  check: (ctx) => householdFieldDiff(ctx, 'helper_name'),
  cases: [
    { name: '与系统不同', ledgers: { national: family(), village: familyWithoutNumber({}, { helper_name: '钱芳' }) }, expect: ['H1'] },
    { name: '规范化后相同', ledgers: { national: family(), card: familyWithoutNumber() }, expect: [] },
  ],
};
