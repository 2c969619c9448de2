import { family } from '../caseBuilders';
import { nationalHouseholds } from '../national';
import { byYear } from '../../settings/settings';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'income.below_line', family: 'income', severity: 'error', level: 'household',
  title: '已脱贫户收入低于贫困线', explanation: '已脱贫户人均纯收入低于当年收入标准，不符合脱贫条件，检查时按错退计。',
  fix: '核实收入；确实低于标准的按程序纳入监测或调整。', reads: ['income_per_capita', 'exit_flag'], settings: ['povertyLine'], needs: ['national'], tables: ['national', 'national_households'],
  check: (ctx) => nationalHouseholds(ctx, "r.exit_flag = '已脱贫' AND r.income_per_capita < :line", 'income_per_capita', (h) => `户 ${h.entity} 已脱贫，人均纯收入 ${String(h.value)} 元，低于 ${ctx.incomeYear} 年标准 ${byYear(ctx.settings.povertyLine, ctx.incomeYear) ?? ''} 元`, { line: byYear(ctx.settings.povertyLine, ctx.incomeYear) ?? 0 }),
  cases: [{ name: '3500 元', ledgers: { national: family({}, { income_total: 14000, income_per_capita: 3500 }) }, expect: ['H1'] }, { name: '10000 元', ledgers: { national: family() }, expect: [] }],
};
