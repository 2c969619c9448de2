import { checkTable } from '../checkTables';
import type { RuleContext } from '../types';

/** The CTE `m`: the member rows of the check's households (checkTables.ts). */
export const members = (ctx: RuleContext): string => `m AS (SELECT * FROM ${checkTable(ctx, 'members')})`;

/**
 * Every member row of the households (per ledger) that a HAVING clause over `m` picks out: from those few households to
 * their rows by the members' index (CROSS JOIN keeps that order; SQLite otherwise read every member row again).
 */
export function householdsWhere(ctx: RuleContext, having: string): string {
  return `WITH ${members(ctx)},
      bad AS MATERIALIZED (SELECT source_id, household_key FROM m GROUP BY source_id, household_key HAVING ${having})
    SELECT m.household_key AS entity, m.household_key, m.village, m.id AS record_id, m.kind, m.person_key, m.name
    FROM bad CROSS JOIN m ON m.source_id = bad.source_id AND m.household_key = bad.household_key`;
}
