import { checkTable } from './checkTables';
import { collect, type Hit } from './query';
import type { Finding, RuleContext } from './types';

/** Rules that test one condition on the national export (the reference roll), per person or per household. */

/** The national export's rows as `r` (with their ledger kind in `r.kind`), for a rule's FROM clause. */
export const nationalRows = (ctx: RuleContext): string => `${checkTable(ctx, 'national')} r`;

export function nationalPersons(
  ctx: RuleContext, where: string, field: string, message: (h: Hit) => string, params: Record<string, unknown> = {},
): Finding[] {
  return collect(ctx, `SELECT r.person_key AS entity, r.household_key, r.village, r.id AS record_id, r.kind, r.name, r.${field} AS value
      FROM ${nationalRows(ctx)} WHERE ${where}`, params, { field, level: 'person' },
  (hits) => message(hits[0] as Hit));
}

/** Household values are repeated on each member row; the household's first row speaks for it. */
export function nationalHouseholds(
  ctx: RuleContext, where: string, field: string, message: (h: Hit) => string, params: Record<string, unknown> = {},
): Finding[] {
  return collect(ctx, `SELECT r.household_key AS entity, r.household_key, r.village, r.id AS record_id, r.kind, r.person_key, r.${field} AS value
      FROM ${checkTable(ctx, 'national_households')} r WHERE ${where}`,
  params, { field, level: 'household' }, (hits) => message(hits[0] as Hit));
}
