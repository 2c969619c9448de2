import { AGE, collect, REC } from '../query';
import type { Finding, RuleContext } from '../types';

/**
 * Holders of a post paid for poverty relief (生态护林员, 公益性岗位) who do not qualify: not on the national roll, without
 * labour capacity, or outside the age band the county sets. `posts` narrows a department list to its post rows.
 */
export function ineligibleHolders(
  ctx: RuleContext, kind: 'forestry' | 'labor', band: readonly [number, number], holder: string, posts = 'TRUE',
): Finding[] {
  return collect(ctx, `SELECT r.person_key AS entity, r.household_key, r.village, r.id AS record_id, s.kind, r.name,
        CASE WHEN n.id IS NULL THEN '不在册' WHEN n.labour IN ('无劳动力', '丧失劳动力') THEN n.labour ELSE ${AGE} || ' 岁' END AS value
      FROM ${REC} LEFT JOIN records n ON n.person_key = r.person_key AND n.source_id IN (SELECT id FROM sources WHERE kind = 'national')
      WHERE s.kind = :kind AND (${posts}) AND (n.id IS NULL OR n.labour IN ('无劳动力', '丧失劳动力') OR ${AGE} NOT BETWEEN :from AND :to)`,
  { kind, from: band[0], to: band[1] }, { field: null, level: 'person' },
  (hits) => `${holder}${hits[0]?.name ?? ''}不符合条件：${String(hits[0]?.value ?? '')}`);
}
