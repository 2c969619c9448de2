import { family } from '../caseBuilders';
import { nationalHouseholds } from '../national';
import { byYear } from '../../settings/settings';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'income.risk_eliminated_low', family: 'income', severity: 'error', level: 'household',
  title: '风险已消除但收入低于监测标准', explanation: '收入仍低于监测标准就标注风险消除，不符合风险消除条件。',
  fix: '核实收入，未达标的恢复为风险未消除并落实帮扶。', reads: ['risk_eliminated', 'income_per_capita'], settings: ['monitoringThreshold'], needs: ['national'], tables: ['national', 'national_households'],
  check: (ctx) => nationalHouseholds(ctx, 'r.risk_eliminated = 1 AND r.income_per_capita < :threshold', 'risk_eliminated', (h) => `户 ${h.entity} 已标注风险消除，但人均纯收入低于监测标准`, { threshold: byYear(ctx.settings.monitoringThreshold, ctx.incomeYear) ?? 0 }),
  cases: [{ name: '5000 元已消除', ledgers: { national: family({}, { risk_eliminated: 1, income_per_capita: 5000, income_total: 20000 }) }, expect: ['H1'] }, { name: '未消除', ledgers: { national: family({}, { risk_eliminated: 0, income_per_capita: 5000 }) }, expect: [] }],
};
