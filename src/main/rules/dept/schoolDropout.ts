import { DAUGHTER, family, SON } from '../caseBuilders';
import { collect } from '../query';
import type { Rule } from '../types';
import { nationalRows } from '../national';
import { checkTable } from '../checkTables';

export const rule: Rule = {
  id: 'dept.school_dropout', family: 'dept', severity: 'error', level: 'person',
  title: '义务教育适龄儿童无学籍', explanation: '6–15 周岁适龄儿童必须接受义务教育（控辍保学），送教上门或经认定不具备学习条件的除外。',
  fix: '核实就学情况：辍学的劝返复学，送教上门的补登记。', reads: ['id_number', 'enrol_status', 'enrol_exception'], settings: ['schoolAge'], needs: ['national', 'education'], tables: ['national', 'dept'],
  check: (ctx) => collect(ctx, `SELECT r.person_key AS entity, r.household_key, r.village, r.id AS record_id, r.kind, r.name, r.age AS value
      FROM ${nationalRows(ctx)} WHERE r.link_method = 'id' AND r.age BETWEEN :from AND :to
        AND coalesce(r.student_status, '') NOT LIKE '%送教%'
        AND NOT EXISTS (SELECT 1 FROM ${checkTable(ctx, 'dept')} e WHERE e.person_key = r.person_key AND e.kind = 'education' AND (coalesce(e.enrol_status, '在读') LIKE '%在%' OR e.enrol_exception IS NOT NULL))`, { from: ctx.settings.schoolAge[0], to: ctx.settings.schoolAge[1] }, { field: null, level: 'person' }, (hits) => `${hits[0]?.name ?? ''}（${String(hits[0]?.value ?? '')} 岁）在教育部门无在读学籍`),
  cases: [{ name: '无学籍', ledgers: { national: family(), education: [{ name: '王磊', id_number: SON, enrol_status: '毕业' }] }, expect: [DAUGHTER] }, { name: '在读', ledgers: { national: family(), education: [{ name: '王丽', id_number: DAUGHTER, enrol_status: '在读' }] }, expect: [] }],
};
