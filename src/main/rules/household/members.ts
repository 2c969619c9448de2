import { checkTable } from '../checkTables';
import type { RuleContext } from '../types';

/** The CTE `m`: the member rows of the check's households (checkTables.ts). */
export const members = (ctx: RuleContext): string => `m AS (SELECT * FROM ${checkTable(ctx, 'members')})`;

/**
 * Every member row of the households (per ledger kind) whose grouped values (`household_values`, as `bad`) meet a
 * condition, with `value` (an expression over `bad`) beside each if given: from those few households to their rows by the
 * household index (CROSS JOIN keeps that order; SQLite otherwise read every member row again).
 */
export function householdsWhere(ctx: RuleContext, condition: string, value?: string): string {
  return `WITH ${members(ctx)},
      bad AS MATERIALIZED (SELECT * FROM ${checkTable(ctx, 'household_values')} WHERE ${condition})
    SELECT m.household_key AS entity, m.household_key, m.village, m.id AS record_id, m.kind, m.person_key, m.name${value ? `, ${value} AS value` : ''}
    FROM bad CROSS JOIN m ON m.household_key = bad.household_key AND m.kind = bad.kind`;
}
