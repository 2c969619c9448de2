import { family } from '../caseBuilders';
import { nationalHouseholds } from '../national';
import { byYear } from '../../settings/settings';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'income.unmonitored', family: 'income', severity: 'warning', level: 'household',
  title: '收入低于监测标准但未纳入监测', explanation: '脱贫户人均纯收入低于防返贫监测标准，应纳入监测而未纳入（应纳未纳）。',
  fix: '入户核实收支，符合条件的按程序纳入监测。', reads: ['income_per_capita', 'household_type', 'monitor_category'], settings: ['monitoringThreshold'], needs: ['national'], tables: ['national', 'national_households'],
  check: (ctx) => nationalHouseholds(ctx, "r.monitor_category IS NULL AND coalesce(r.household_type, '脱贫户') = '脱贫户' AND r.income_per_capita < :threshold", 'income_per_capita', (h) => `户 ${h.entity} 人均纯收入 ${String(h.value)} 元，低于监测标准 ${byYear(ctx.settings.monitoringThreshold, ctx.incomeYear) ?? ''} 元，未纳入监测`, { threshold: byYear(ctx.settings.monitoringThreshold, ctx.incomeYear) ?? 0 }),
  cases: [{ name: '5500 元', ledgers: { national: family({}, { income_total: 22000, income_per_capita: 5500 }) }, expect: ['H1'] }, { name: '已纳入监测', ledgers: { national: family({}, { income_per_capita: 5500, monitor_category: '脱贫不稳定户' }) }, expect: [] }],
};
