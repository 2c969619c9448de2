import { DAUGHTER, family } from '../caseBuilders';
import { nationalPersons } from '../national';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'labour.student_migrant', family: 'labour', severity: 'error', level: 'person',
  title: '在校生登记为外出务工', explanation: '义务教育和高中阶段在校生不应外出务工，此类登记多为学籍或务工信息未更新。',
  fix: '核实是否在校，更正在校生状况或务工状况。', reads: ['student_status', 'work_status'], settings: [], needs: ['national'], tables: ['national'],
  check: (ctx) => nationalPersons(ctx, `r.work_status LIKE '%务工%' AND (r.student_status LIKE '%小学%' OR r.student_status LIKE '%年级%' OR r.student_status LIKE '%高中%' OR r.student_status LIKE '%中职%')`, 'work_status', (h) => `${h.name ?? ''}是在校生，却登记为“${String(h.value)}”`),
  cases: [{ name: '小学生务工', ledgers: { national: family({ daughter: { work_status: '省外务工' } }) }, expect: [DAUGHTER] }, { name: '正常', ledgers: { national: family() }, expect: [] }],
};
