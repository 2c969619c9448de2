import { family } from '../caseBuilders';
import { collect, ledger } from '../query';
import type { Rule } from '../types';
import { checkTable, HOUSEHOLD_ROW_FIELDS as FIELDS } from '../checkTables';

export const rule: Rule = {
  id: 'household.field_inconsistent', family: 'household', severity: 'warning', level: 'household',
  title: '同户成员行上的户信息不一致', explanation: '属性、脱贫年度、人均纯收入等是整户的信息，每个成员行上应相同；不一致说明改了一行没改全户。',
  fix: '核实正确值，统一全户各行。', reads: FIELDS, settings: [], needs: [], tables: ['roll', 'roll_by_household', 'household_values'],
  // The households whose rows differ in a field are those grouped with it varying (checkTables.ts); only their rows are read.
  check: (ctx) => collect(ctx, `WITH b AS MATERIALIZED (SELECT * FROM ${checkTable(ctx, 'household_values')} WHERE ${FIELDS.map((f) => `${f}_varies`).join(' OR ')})
      ${FIELDS.map((f) => `SELECT r.household_key AS entity, r.household_key, r.village, r.id AS record_id, r.kind, r.person_key, r.name,
          '${f}' AS field, r.${f} AS value
        FROM b CROSS JOIN ${checkTable(ctx, 'roll')} r ON r.household_key = b.household_key AND r.kind = b.kind WHERE b.${f}_varies`).join(' UNION ALL ')}`,
    {}, { field: null, level: 'household' },
    (hits) => `${ledger(hits[0]?.kind ?? '')}中户 ${hits[0]?.entity ?? ''} 各成员行的“${hits[0]?.field ?? ''}”不一致：${[...new Set(hits.map((h) => String(h.value)))].join(' / ')}`),
  cases: [
    { name: '一行属性不同', ledgers: { national: family({ son: { poverty_attr: '低保贫困户' } }) }, expect: ['H1'] },
    { name: '正常', ledgers: { national: family() }, expect: [] },
    { name: '台账没有“与户主关系”列也核对', ledgers: { township: family({ son: { exit_year: 2019 } }).map(({ relation: _r, ...row }) => row) }, expect: ['H1'] },
  ],
};
