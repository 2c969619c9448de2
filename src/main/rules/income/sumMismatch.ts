import { family } from '../caseBuilders';
import { nationalHouseholds } from '../national';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'income.sum_mismatch', family: 'income', severity: 'error', level: 'household',
  title: '家庭纯收入不等于各项收入之和', explanation: '家庭纯收入 = 工资性 + 生产经营性 + 财产性 + 转移性收入 − 生产经营性支出；不等说明收入测算有误。',
  fix: '重新测算收入，更正各项或合计。', reads: ['income_total', 'income_wage', 'income_business', 'income_property', 'income_transfer', 'expense_business'], settings: [], needs: ['national'], tables: ['national', 'national_households'],
  check: (ctx) => nationalHouseholds(ctx, `r.income_total IS NOT NULL AND r.income_wage IS NOT NULL AND abs(r.income_total - (coalesce(r.income_wage, 0) + coalesce(r.income_business, 0) + coalesce(r.income_property, 0) + coalesce(r.income_transfer, 0) - coalesce(r.expense_business, 0))) > 1`, 'income_total', (h) => `户 ${h.entity} 家庭纯收入 ${String(h.value)} 元，不等于各项收入之和减生产经营性支出`),
  cases: [{ name: '合计多 1500', ledgers: { national: family({}, { income_total: 41500 }) }, expect: ['H1'] }, { name: '正常', ledgers: { national: family() }, expect: [] }],
};
