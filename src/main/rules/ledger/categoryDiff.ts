import { family, familyWithoutNumber } from '../caseBuilders';
import type { Rule } from '../types';
import { householdFieldDiff } from './compare';

export const rule: Rule = {
  id: 'ledger.category_diff', family: 'ledger', severity: 'error', level: 'household',
  title: '贫困户属性与系统不一致', explanation: '一般、低保、特困供养属性决定政策享受，各台账必须与系统一致。',
  fix: '以民政认定和系统为准，统一各台账。', reads: ['poverty_attr'], settings: [], needs: ['national'], tables: ['roll', 'roll_by_household', 'household_values', 'household_pairs'],
  check: (ctx) => householdFieldDiff(ctx, 'poverty_attr'),
  cases: [
    { name: '与系统不同', ledgers: { national: family(), village: familyWithoutNumber({}, { poverty_attr: '低保贫困户' }) }, expect: ['H1'] },
    { name: '规范化后相同', ledgers: { national: family(), card: familyWithoutNumber() }, expect: [] },
  ],
};
