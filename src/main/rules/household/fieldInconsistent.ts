import { family } from '../caseBuilders';
import { collect, ledger } from '../query';
import type { Rule } from '../types';
import { HOUSEHOLD_ROW_FIELDS as FIELDS } from '../checkTables';
import { members } from './members';

export const rule: Rule = {
  id: 'household.field_inconsistent', family: 'household', severity: 'warning', level: 'household',
  title: '同户成员行上的户信息不一致', explanation: '属性、脱贫年度、人均纯收入等是整户的信息，每个成员行上应相同；不一致说明改了一行没改全户。',
  fix: '核实正确值，统一全户各行。', reads: FIELDS, settings: [], needs: [], tables: ['roll', 'members'],
  // One grouping pass finds the households (per ledger) with any field that differs; only their rows are read again.
  check: (ctx) => collect(ctx, `WITH ${members(ctx)},
      b AS MATERIALIZED (SELECT source_id, household_key, ${FIELDS.map((f) => `count(DISTINCT ${f}) > 1 AS ${f}`).join(', ')}
        FROM m GROUP BY 1, 2 HAVING ${FIELDS.map((f) => `count(DISTINCT ${f}) > 1`).join(' OR ')})
      ${FIELDS.map((f) => `SELECT m.household_key AS entity, m.household_key, m.village, m.id AS record_id, m.kind, m.person_key, m.name,
          '${f}' AS field, m.${f} AS value FROM b CROSS JOIN m ON m.source_id = b.source_id AND m.household_key = b.household_key WHERE b.${f}`).join(' UNION ALL ')}`,
    {}, { field: null, level: 'household' },
    (hits) => `${ledger(hits[0]?.kind ?? '')}中户 ${hits[0]?.entity ?? ''} 各成员行的“${hits[0]?.field ?? ''}”不一致：${[...new Set(hits.map((h) => String(h.value)))].join(' / ')}`),
  cases: [
    { name: '一行属性不同', ledgers: { national: family({ son: { poverty_attr: '低保贫困户' } }) }, expect: ['H1'] },
    { name: '正常', ledgers: { national: family() }, expect: [] },
  ],
};
