import { FIELD_BY_KEY } from '../../../shared/domain/fields';
import { collect, ledger, type Hit } from '../query';
import type { Finding, RuleContext } from '../types';

const label = (field: string): string => FIELD_BY_KEY.get(field)?.label ?? field;

/**
 * A person field that differs between the national export (the reference) and another roll ledger, compared on the
 * normalised values; a value missing on either side is not a difference. Reads the check's roll table (checkTables.ts).
 */
export function personFieldDiff(ctx: RuleContext, field: string): Finding[] {
  // The differing pairs are found once: the national side of each is reported from them too.
  return collect(ctx, `WITH d AS MATERIALIZED (SELECT n.person_key, n.household_key, n.village, n.id AS national_id, n.name,
          n.${field} AS national_value, r.id, r.kind, r.${field} AS value
        FROM temp.roll n JOIN temp.roll r ON r.person_key = n.person_key AND r.kind <> 'national'
        WHERE n.kind = 'national' AND n.${field} IS NOT NULL AND r.${field} IS NOT NULL AND r.${field} <> n.${field})
      SELECT person_key AS entity, household_key, village, id AS record_id, kind, name, value FROM d
      UNION ALL
      SELECT DISTINCT person_key, household_key, village, national_id, 'national', name, national_value FROM d`,
  {}, { field, level: 'person' }, (hits) => describe(hits, field));
}

/** A household field that differs between the national export and another roll ledger's record of the household. */
export function householdFieldDiff(ctx: RuleContext, field: string): Finding[] {
  return collect(ctx, `WITH n AS (SELECT household_key, max(village) AS village, min(id) AS id, max(${field}) AS v FROM temp.roll
        WHERE kind = 'national' AND household_key IS NOT NULL AND ${field} IS NOT NULL GROUP BY household_key),
      o AS (SELECT household_key, kind, min(id) AS id, max(${field}) AS v FROM temp.roll
        WHERE kind <> 'national' AND household_key IS NOT NULL AND ${field} IS NOT NULL GROUP BY household_key, kind)
      SELECT n.household_key AS entity, n.household_key, n.village, o.id AS record_id, o.kind, o.v AS value FROM n JOIN o USING (household_key) WHERE o.v <> n.v
      UNION ALL
      SELECT n.household_key, n.household_key, n.village, n.id, 'national', n.v FROM n
      WHERE EXISTS (SELECT 1 FROM o WHERE o.household_key = n.household_key AND o.v <> n.v)`,
  {}, { field, level: 'household' }, (hits) => describe(hits, field));
}

function describe(hits: Hit[], field: string): string {
  const national = hits.find((h) => h.kind === 'national');
  const others = hits.filter((h) => h.kind !== 'national').map((h) => `${ledger(h.kind)}中为“${String(h.value)}”`);
  const subject = national?.name ? `${national.name}的` : `户 ${hits[0]?.entity ?? ''} 的`;
  return `${subject}${label(field)}：${others.join('，')}，系统中为“${String(national?.value ?? '')}”`;
}
