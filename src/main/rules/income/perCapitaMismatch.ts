import { family } from '../caseBuilders';
import { nationalHouseholds } from '../national';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'income.per_capita_mismatch', family: 'income', severity: 'error', level: 'household',
  title: '人均纯收入不等于家庭纯收入除以人口', explanation: '人均纯收入 = 家庭纯收入 ÷ 家庭人口数；不等说明测算或人口数有误。',
  fix: '核实家庭人口和收入后重新计算。', reads: ['income_per_capita', 'income_total', 'household_size'], settings: [], needs: ['national'], tables: ['national', 'national_households'],
  check: (ctx) => nationalHouseholds(ctx, 'r.income_per_capita IS NOT NULL AND r.income_total IS NOT NULL AND r.household_size > 0 AND abs(r.income_per_capita - r.income_total * 1.0 / r.household_size) > 1', 'income_per_capita', (h) => `户 ${h.entity} 人均纯收入 ${String(h.value)} 元，不等于家庭纯收入除以家庭人口数`),
  cases: [{ name: '按 3 人计算', ledgers: { national: family({}, { income_per_capita: 13333 }) }, expect: ['H1'] }, { name: '正常', ledgers: { national: family() }, expect: [] }],
};
