import { family } from '../caseBuilders';
import { nationalHouseholds } from '../national';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'assist.no_helper', family: 'assist', severity: 'warning', level: 'household',
  title: '没有帮扶责任人', explanation: '每户脱贫户、监测户都应落实帮扶责任人。',
  fix: '落实帮扶责任人并登记姓名和电话。', reads: ['helper_name'], settings: [], needs: ['national'], tables: ['national', 'national_households'],
  check: (ctx) => nationalHouseholds(ctx, 'r.helper_name IS NULL', 'helper_name', (h) => `户 ${h.entity} 没有登记帮扶责任人`),
  cases: [{ name: '空白', ledgers: { national: family({}, { helper_name: null }) }, expect: ['H1'] }, { name: '有', ledgers: { national: family() }, expect: [] }],
};
