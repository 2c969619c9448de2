import { family } from '../caseBuilders';
import { nationalHouseholds } from '../national';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'status.exit_year_missing', family: 'status', severity: 'error', level: 'household',
  title: '已脱贫但没有脱贫年度', explanation: '已脱贫户必须有脱贫年度，否则无法核对脱贫程序和政策享受期限。',
  fix: '按脱贫验收材料补填脱贫年度。', reads: ['exit_flag', 'exit_year'], settings: [], needs: ['national'], tables: ['national', 'national_households'],
  check: (ctx) => nationalHouseholds(ctx, "r.exit_flag = '已脱贫' AND r.exit_year IS NULL", 'exit_year', (h) => `户 ${h.entity} 已脱贫，但没有脱贫年度`),
  cases: [{ name: '缺年度', ledgers: { national: family({}, { exit_year: null }) }, expect: ['H1'] }, { name: '正常', ledgers: { national: family() }, expect: [] }],
};
