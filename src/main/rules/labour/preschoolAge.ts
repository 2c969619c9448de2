import { DAUGHTER, family } from '../caseBuilders';
import { nationalPersons } from '../national';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'labour.preschool_age', family: 'labour', severity: 'warning', level: 'person',
  title: '7 岁以上仍登记为学前', explanation: '7 周岁以上儿童应已入学，仍登记学前可能是未入学（控辍保学）或信息未更新。',
  fix: '核实就学情况，更正在校生状况。', reads: ['student_status', 'id_number'], settings: [], needs: ['national'], tables: ['national'],
  check: (ctx) => nationalPersons(ctx, `r.age >= 7 AND r.student_status IN ('学前教育', '学龄前儿童')`, 'student_status', (h) => `${h.name ?? ''}已满 7 周岁，在校生状况仍为“${String(h.value)}”`),
  cases: [{ name: '11 岁学前', ledgers: { national: family({ daughter: { student_status: '学前教育' } }) }, expect: [DAUGHTER] }, { name: '正常', ledgers: { national: family() }, expect: [] }],
};
