import { family } from '../caseBuilders';
import { collect, ledger } from '../query';
import type { Rule } from '../types';
import { members } from './members';

export const rule: Rule = {
  id: 'household.size_mismatch', family: 'household', severity: 'error', level: 'household',
  title: '家庭人口数与成员数不符', explanation: '“家庭人口数”应等于本户登记的成员人数；不符说明有成员漏登、多登或人数未更新。',
  fix: '核实家庭成员，补登或删除成员并更新家庭人口数。', reads: ['household_size', 'relation'], settings: [], needs: [], tables: ['roll', 'members'],
  check: (ctx) => collect(ctx, `WITH ${members(ctx)}, bad AS MATERIALIZED (
        SELECT source_id, household_key, max(household_size) AS declared, count(*) AS members FROM m
        GROUP BY source_id, household_key HAVING max(household_size) IS NOT NULL AND max(household_size) <> count(*))
      SELECT m.household_key AS entity, m.household_key, m.village, m.id AS record_id, m.kind, m.person_key, m.name,
        '登记 ' || bad.declared || ' 人，成员 ' || bad.members || ' 人' AS value
      FROM bad CROSS JOIN m ON m.source_id = bad.source_id AND m.household_key = bad.household_key`,
    {}, { field: 'household_size', level: 'household' },
    (hits) => [...new Map(hits.map((h) => [h.kind, h])).values()].map((h) => `${ledger(h.kind)}中户 ${h.entity} ${String(h.value)}`).join('；')),
  cases: [
    { name: '多报一人', ledgers: { national: family({}, { household_size: 5 }) }, expect: ['H1'] },
    { name: '正常', ledgers: { national: family() }, expect: [] },
  ],
};
