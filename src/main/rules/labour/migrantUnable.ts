import { family, HEAD } from '../caseBuilders';
import { nationalPersons } from '../national';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'labour.migrant_unable', family: 'labour', severity: 'error', level: 'person',
  title: '外出务工但登记为无劳动力', explanation: '在外务工说明有劳动能力，登记无劳动力会造成劳动力和就业数据矛盾。',
  fix: '核实务工和劳动能力情况，据实更正。', reads: ['labour', 'work_status'], settings: [], needs: ['national'], tables: ['national'],
  check: (ctx) => nationalPersons(ctx, `r.work_status LIKE '%外%务工%' AND r.labour IN ('无劳动力', '丧失劳动力')`, 'labour', (h) => `${h.name ?? ''}外出务工，劳动技能却登记为“${String(h.value)}”`),
  cases: [{ name: '务工且无劳动力', ledgers: { national: family({ head: { labour: '无劳动力' } }) }, expect: [HEAD] }, { name: '正常', ledgers: { national: family() }, expect: [] }],
};
