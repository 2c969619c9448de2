import { family } from '../caseBuilders';
import { collect } from '../query';
import type { Rule } from '../types';
import { nationalRows } from '../national';
import { checkTable } from '../checkTables';

export const rule: Rule = {
  id: 'labour.no_employment', family: 'labour', severity: 'warning', level: 'household',
  title: '有劳动力但无人就业', explanation: '有劳动力的家庭至少应有 1 人就业（务工、公益性岗位或生态护林员）。',
  fix: '核实就业情况，落实就业帮扶。', reads: ['labour', 'work_status', 'public_post_type'], settings: [], needs: ['national'], tables: ['dept', 'national', 'national_household_sums'],
  // From the few households without work to their rows (CROSS JOIN keeps that order).
  check: (ctx) => collect(ctx, `SELECT r.household_key AS entity, r.household_key, r.village, r.id AS record_id, r.kind, r.person_key, f.able AS value
      FROM ${checkTable(ctx, 'national_household_sums')} f CROSS JOIN ${nationalRows(ctx)} ON r.household_key = f.household_key
      WHERE f.able > 0 AND f.working = 0 AND f.posts = 0`,
    {}, { field: 'work_status', level: 'household' },
    (hits) => `户 ${hits[0]?.entity ?? ''} 有 ${String(hits[0]?.value)} 名劳动力，但无人务工或在公益性岗位、护林员岗位就业`),
  cases: [
    { name: '无人就业', ledgers: { national: family({ head: { work_status: null, work_months: null } }) }, expect: ['H1'] },
    { name: '户主务工', ledgers: { national: family() }, expect: [] },
    { name: '护林员算就业', ledgers: { national: family({ head: { work_status: null } }), forestry: [{ name: '王强', id_number: family()[0]?.id_number ?? null }] }, expect: [] },
  ],
};
