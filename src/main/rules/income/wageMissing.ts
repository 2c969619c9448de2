import { family, HEAD } from '../caseBuilders';
import { collect } from '../query';
import type { Rule } from '../types';
import { nationalRows } from '../national';
import { checkTable } from '../checkTables';

export const rule: Rule = {
  id: 'income.wage_missing', family: 'income', severity: 'warning', level: 'household',
  title: '有岗位报酬但工资性收入为 0', explanation: '公益性岗位、生态护林员的报酬属于工资性收入；有岗位而工资性收入为 0，收入测算漏项。',
  fix: '把岗位报酬计入工资性收入，重新测算。', reads: ['income_wage', 'public_post_type'], settings: [], needs: ['national'], tables: ['national', 'dept', 'national_household_sums'],
  check: (ctx) => collect(ctx, `SELECT r.household_key AS entity, r.household_key, r.village, r.id AS record_id, r.kind, r.person_key, coalesce(r.income_wage, 0) AS value
      FROM ${checkTable(ctx, 'national_household_sums')} f CROSS JOIN ${nationalRows(ctx)} ON r.household_key = f.household_key
      WHERE f.posts > 0 AND coalesce(r.income_wage, 0) = 0`,
    {}, { field: 'income_wage', level: 'household' },
    (hits) => `户 ${hits[0]?.entity ?? ''} 有公益性岗位或护林员报酬，工资性收入却为 0`),
  cases: [
    { name: '护林员无工资收入', ledgers: { national: family({}, { income_wage: 0, income_business: 40000 }), forestry: [{ name: '王强', id_number: HEAD }] }, expect: ['H1'] },
    { name: '已计入', ledgers: { national: family(), forestry: [{ name: '王强', id_number: HEAD }] }, expect: [] },
  ],
};
