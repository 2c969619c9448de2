import { family, HEAD, OTHER_HEAD as OUTSIDER } from '../caseBuilders';
import { collect, REC } from '../query';
import type { Rule } from '../types';
import { checkTable } from '../checkTables';

export const rule: Rule = {
  id: 'dept.civil_status_diff', family: 'dept', severity: 'error', level: 'household',
  title: '低保、特困身份与民政名单不一致', explanation: '低保、特困身份以民政部门认定为准，台账与民政名单不一致会造成政策享受错漏。',
  fix: '与民政部门核对，统一贫困户属性和享受低保、特困标识。', reads: ['poverty_attr', 'dibao', 'tekun', 'assist_type'], settings: [], needs: ['national', 'civil'], tables: ['national', 'dept', 'national_household_sums'],
  check: (ctx) => collect(ctx, `WITH c AS MATERIALIZED (SELECT r.household_key, max(r.assist_type) AS assist, min(r.id) AS id FROM ${REC} WHERE s.kind = 'civil' AND r.household_key IS NOT NULL GROUP BY r.household_key),
      n AS (SELECT household_key, village, first_id AS id, poverty_attr AS attr, dibao, tekun FROM ${checkTable(ctx, 'national_household_sums')})
      SELECT n.household_key AS entity, n.household_key, n.village, coalesce(c.id, n.id) AS record_id, 'civil' AS kind, coalesce(c.assist, '无') AS value
      FROM n LEFT JOIN c USING (household_key)
      WHERE (c.assist = '低保' AND n.attr <> '低保贫困户' AND n.dibao = 0) OR (c.assist = '特困' AND n.attr <> '特困供养贫困户' AND n.tekun = 0)
         OR (c.household_key IS NULL AND n.attr IN ('低保贫困户', '特困供养贫困户'))`, {}, { field: 'poverty_attr', level: 'household' }, (hits) => `户 ${hits[0]?.entity ?? ''} 在民政名单中为“${String(hits[0]?.value ?? '')}”，与系统中的贫困户属性或低保、特困标识不一致`),
  cases: [{ name: '民政有低保系统为一般', ledgers: { national: family(), civil: [{ name: '王强', id_number: HEAD, assist_type: '低保' }] }, expect: ['H1'] }, { name: '系统为低保民政无', ledgers: { national: family({}, { poverty_attr: '低保贫困户' }), civil: [{ name: '张三', id_number: OUTSIDER, assist_type: '低保' }] }, expect: ['H1'] }, { name: '一致', ledgers: { national: family({}, { poverty_attr: '低保贫困户' }), civil: [{ name: '王强', id_number: HEAD, assist_type: '低保' }] }, expect: [] }],
};
