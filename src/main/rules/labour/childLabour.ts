import { DAUGHTER, family } from '../caseBuilders';
import { nationalPersons } from '../national';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'labour.child_labour', family: 'labour', severity: 'error', level: 'person',
  title: '未满 16 周岁登记为有劳动能力', explanation: '16 周岁以下是未成年人，不能算作劳动力，登记有劳动能力会虚增家庭劳动力和就业。',
  fix: '改为“无劳动力”，核实是否在校。', reads: ['labour', 'id_number'], settings: [], needs: ['national'], tables: ['national'],
  check: (ctx) => nationalPersons(ctx, `r.age < 16 AND r.labour IN ('普通劳动力', '技能劳动力', '弱劳动力或半劳动力')`, 'labour', (h) => `${h.name ?? ''}未满 16 周岁，劳动技能登记为“${String(h.value)}”`),
  cases: [{ name: '10 岁普通劳动力', ledgers: { national: family({ daughter: { labour: '普通劳动力' } }) }, expect: [DAUGHTER] }, { name: '正常', ledgers: { national: family() }, expect: [] }],
};
