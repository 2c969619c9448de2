import { FIELD_BY_KEY } from '../../../shared/domain/fields';
import { collect, ledger, type Hit } from '../query';
import type { Finding, RuleContext } from '../types';
import { checkTable } from '../checkTables';

const label = (field: string): string => FIELD_BY_KEY.get(field)?.label ?? field;

/**
 * A person field that differs between the national export (the reference) and another roll ledger, compared on the
 * normalised values; a value missing on either side is not a difference. Reads the pairs of a person's national and other
 * rows joined once per check (checkTables.ts).
 */
export function personFieldDiff(ctx: RuleContext, field: 'name' | 'sex' | 'relation'): Finding[] {
  // The differing pairs are found once: the national side of each is reported from them too.
  return collect(ctx, `WITH d AS MATERIALIZED (SELECT person_key, household_key, village, national_id, national_name AS name,
          national_${field} AS national_value, id, kind, ${field} AS value
        FROM ${checkTable(ctx, 'person_pairs')}
        WHERE national_${field} IS NOT NULL AND ${field} IS NOT NULL AND ${field} <> national_${field})
      SELECT person_key AS entity, household_key, village, id AS record_id, kind, name, value FROM d
      UNION ALL
      SELECT DISTINCT person_key, household_key, village, national_id, 'national', name, national_value FROM d`,
  {}, { field, level: 'person' }, (hits) => describe(hits, field));
}

/**
 * A household field that differs between the national export and another roll ledger's record of the household, read
 * from the households whose grouped values differ, paired once per check (checkTables.ts). The record and village of a
 * value that differs are those of the first row of the household in that ledger kind that gives one, looked up by the
 * roll's household index.
 */
export function householdFieldDiff(ctx: RuleContext, field: string): Finding[] {
  const given = (row: string, kind: string, what: string) =>
    `(SELECT ${what} FROM ${checkTable(ctx, 'roll')} WHERE household_key = ${row}.household_key AND kind = ${kind} AND ${field} IS NOT NULL)`;
  return collect(ctx, `WITH d AS MATERIALIZED (SELECT p.household_key, p.kind, p.${field} AS value, p.national_${field} AS national_value,
          ${given('p', "'national'", 'max(village)')} AS village
        FROM ${checkTable(ctx, 'household_pairs')} p WHERE p.${field} <> p.national_${field})
      SELECT household_key AS entity, household_key, village, ${given('d', 'd.kind', 'min(id)')} AS record_id, kind, value FROM d
      UNION ALL
      SELECT DISTINCT household_key, household_key, village, ${given('d', "'national'", 'min(id)')}, 'national', national_value FROM d`,
  {}, { field, level: 'household' }, (hits) => describe(hits, field));
}

function describe(hits: Hit[], field: string): string {
  const national = hits.find((h) => h.kind === 'national');
  const others = hits.filter((h) => h.kind !== 'national').map((h) => `${ledger(h.kind)}中为“${String(h.value)}”`);
  const subject = national?.name ? `${national.name}的` : `户 ${hits[0]?.entity ?? ''} 的`;
  return `${subject}${label(field)}：${others.join('，')}，系统中为“${String(national?.value ?? '')}”`;
}
