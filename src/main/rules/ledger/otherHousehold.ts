import { family, SON } from '../caseBuilders';
import { collect, ledger } from '../query';
import type { Rule } from '../types';
import { checkTable } from '../checkTables';

export const rule: Rule = {
  id: 'ledger.other_household', family: 'ledger', severity: 'error', level: 'person',
  title: '成员登记在另一户', explanation: '同一人在台账与系统中分属不同的户，分户、迁移后没有同步，或登记错户。',
  fix: '核实此人实际所在户，统一各台账与系统。', reads: ['id_number', 'household_no', 'head_name'], settings: [], needs: ['national'], tables: ['roll', 'roll_by_person', 'person_pairs'],
  check: (ctx) => collect(ctx, `SELECT person_key AS entity, household_key, village, id AS record_id, kind, national_name AS name, other_household AS value
      FROM ${checkTable(ctx, 'person_pairs')}
      WHERE link_method = 'id' AND other_household IS NOT NULL AND other_household NOT LIKE 'B:%' AND other_household <> household_key`,
    {}, { field: 'household_no', level: 'person' },
    (hits) => `${hits[0]?.name ?? ''}在系统中属户 ${hits[0]?.household_key ?? ''}，${hits.map((h) => `${ledger(h.kind)}中属户 ${String(h.value)}`).join('，')}`),
  cases: [
    { name: '乡册登记在 H2', ledgers: { national: family(), township: family().map((r) => (r.id_number === SON ? { ...r, household_no: 'H2' } : r)) }, expect: [SON] },
    { name: '同户', ledgers: { national: family(), township: family() }, expect: [] },
  ],
};
