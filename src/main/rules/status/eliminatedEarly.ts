import { family } from '../caseBuilders';
import { nationalHouseholds } from '../national';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'status.eliminated_early', family: 'status', severity: 'warning', level: 'household',
  title: '识别后不足 6 个月即消除风险', explanation: '风险消除一般要经过帮扶且稳定一段时间，识别后很快消除需核实是否“体外循环”。',
  fix: '核实帮扶措施落实和收入稳定情况。', reads: ['identified_at', 'eliminated_at'], settings: ['minMonthsToEliminate'], needs: ['national'], tables: ['national', 'national_households'],
  check: (ctx) => nationalHouseholds(ctx, 'r.risk_eliminated = 1 AND months_between(r.identified_at, r.eliminated_at) BETWEEN 0 AND :months - 1', 'eliminated_at', (h) => `户 ${h.entity} 识别后不足 ${ctx.settings.minMonthsToEliminate} 个月即于 ${String(h.value)} 消除风险`, { months: ctx.settings.minMonthsToEliminate }),
  cases: [{ name: '2 个月', ledgers: { national: family({}, { risk_eliminated: 1, identified_at: '2023-03', eliminated_at: '2023-05' }) }, expect: ['H1'] }, { name: '12 个月', ledgers: { national: family({}, { risk_eliminated: 1, identified_at: '2023-03', eliminated_at: '2024-03' }) }, expect: [] }],
};
