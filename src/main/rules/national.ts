import { collect, REC, type Hit } from './query';
import type { Finding, RuleContext } from './types';

/** Rules that test one condition on the national export (the reference roll), per person or per household. */

export function nationalPersons(
  ctx: RuleContext, where: string, field: string, message: (h: Hit) => string, params: Record<string, unknown> = {},
): Finding[] {
  return collect(ctx, `SELECT r.person_key AS entity, r.household_key, r.village, r.id AS record_id, s.kind, r.name, r.${field} AS value
      FROM ${REC} WHERE s.kind = 'national' AND (${where})`, params, { field, level: 'person' },
  (hits) => message(hits[0] as Hit));
}

/** Household values are repeated on each member row; the household's first row speaks for it. */
export function nationalHouseholds(
  ctx: RuleContext, where: string, field: string, message: (h: Hit) => string, params: Record<string, unknown> = {},
): Finding[] {
  return collect(ctx, `SELECT r.household_key AS entity, r.household_key, r.village, r.id AS record_id, s.kind, r.person_key, r.${field} AS value
      FROM ${REC} WHERE s.kind = 'national' AND r.id IN (SELECT min(r2.id) FROM records r2 JOIN sources s2 ON s2.id = r2.source_id
        WHERE s2.kind = 'national' AND r2.household_key IS NOT NULL GROUP BY r2.household_key) AND (${where})`,
  params, { field, level: 'household' }, (hits) => message(hits[0] as Hit));
}
