import { family } from '../caseBuilders';
import { nationalHouseholds } from '../national';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'status.not_exited', family: 'status', severity: 'error', level: 'household',
  title: '2020 年以后仍为未脱贫', explanation: '2020 年底全部脱贫，之后的数据中不应再有未脱贫户。',
  fix: '核实脱贫状态并更正。', reads: ['exit_flag'], settings: [], needs: ['national'], tables: ['national', 'national_households'],
  check: (ctx) => nationalHouseholds(ctx, "r.exit_flag = '未脱贫' AND :incomeYear >= 2020", 'exit_flag', (h) => `户 ${h.entity} 在 ${ctx.incomeYear} 年的数据中仍为未脱贫`),
  cases: [{ name: '未脱贫', ledgers: { national: family({}, { exit_flag: '未脱贫', exit_year: null }) }, expect: ['H1'] }, { name: '已脱贫', ledgers: { national: family() }, expect: [] }],
};
