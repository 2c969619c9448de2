import { family, SON } from '../caseBuilders';
import { collect, ledger } from '../query';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'ledger.other_household', family: 'ledger', severity: 'error', level: 'person',
  title: '成员登记在另一户', explanation: '同一人在台账与系统中分属不同的户，分户、迁移后没有同步，或登记错户。',
  fix: '核实此人实际所在户，统一各台账与系统。', reads: ['id_number', 'household_no', 'head_name'], settings: [], needs: ['national'],
  check: (ctx) => collect(ctx, `SELECT n.person_key AS entity, n.household_key, n.village, r.id AS record_id, r.kind, n.name, r.household_key AS value
      FROM temp.roll n JOIN temp.roll r ON r.person_key = n.person_key AND r.kind <> 'national'
      WHERE n.kind = 'national' AND n.link_method = 'id' AND r.household_key IS NOT NULL AND r.household_key NOT LIKE 'B:%'
        AND r.household_key <> n.household_key`,
    {}, { field: 'household_no', level: 'person' },
    (hits) => `${hits[0]?.name ?? ''}在系统中属户 ${hits[0]?.household_key ?? ''}，${hits.map((h) => `${ledger(h.kind)}中属户 ${String(h.value)}`).join('，')}`),
  cases: [
    { name: '乡册登记在 H2', ledgers: { national: family(), township: family().map((r) => (r.id_number === SON ? { ...r, household_no: 'H2' } : r)) }, expect: [SON] },
    { name: '同户', ledgers: { national: family(), township: family() }, expect: [] },
  ],
};
