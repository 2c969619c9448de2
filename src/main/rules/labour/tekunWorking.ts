import { family, HEAD } from '../caseBuilders';
import { nationalPersons } from '../national';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'labour.tekun_working', family: 'labour', severity: 'error', level: 'person',
  title: '特困供养人员登记为务工', explanation: '特困供养人员应无劳动能力且无收入来源，登记务工与特困认定矛盾。',
  fix: '核实务工情况，必要时向民政部门反映调整认定。', reads: ['tekun', 'poverty_attr', 'work_status'], settings: [], needs: ['national'], tables: ['national'],
  check: (ctx) => nationalPersons(ctx, `(r.tekun = 1 OR r.poverty_attr = '特困供养贫困户') AND r.work_status LIKE '%务工%'`, 'work_status', (h) => `${h.name ?? ''}是特困供养人员，却登记为“${String(h.value)}”`),
  cases: [{ name: '特困务工', ledgers: { national: family({}, { poverty_attr: '特困供养贫困户' }) }, expect: [HEAD] }, { name: '正常', ledgers: { national: family() }, expect: [] }],
};
