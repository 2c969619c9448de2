import { family } from '../caseBuilders';
import { nationalHouseholds } from '../national';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'status.risk_date_missing', family: 'status', severity: 'warning', level: 'household',
  title: '风险已消除但消除时间缺失或早于识别', explanation: '风险消除须有消除时间，且不能早于识别时间。',
  fix: '按消除风险的审批材料补填或更正时间。', reads: ['risk_eliminated', 'eliminated_at', 'identified_at'], settings: [], needs: ['national'], tables: ['national', 'national_households'],
  check: (ctx) => nationalHouseholds(ctx, 'r.risk_eliminated = 1 AND (r.eliminated_at IS NULL OR r.eliminated_at < coalesce(r.identified_at, r.eliminated_at))', 'eliminated_at', (h) => `户 ${h.entity} 已标注风险消除，消除时间${h.value ? `${String(h.value)}早于识别时间` : '缺失'}`),
  cases: [{ name: '无时间', ledgers: { national: family({}, { risk_eliminated: 1, identified_at: '2023-03', eliminated_at: null }) }, expect: ['H1'] }, { name: '正常', ledgers: { national: family({}, { risk_eliminated: 1, identified_at: '2023-03', eliminated_at: '2024-03' }) }, expect: [] }],
};
