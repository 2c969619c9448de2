import { FIELD_BY_KEY } from '../../../shared/domain/fields';
import { collect, ledger, OTHER_ROLL, type Hit } from '../query';
import type { Finding, RuleContext } from '../types';

const label = (field: string): string => FIELD_BY_KEY.get(field)?.label ?? field;

/**
 * A person field that differs between the national export (the reference) and another roll ledger, compared on the
 * normalised values; a value missing on either side is not a difference.
 */
export function personFieldDiff(ctx: RuleContext, field: string): Finding[] {
  return collect(ctx, `SELECT n.person_key AS entity, n.household_key, n.village, r.id AS record_id, s.kind, n.name, r.${field} AS value
      FROM records n JOIN sources ns ON ns.id = n.source_id AND ns.kind = 'national'
      JOIN records r ON r.person_key = n.person_key JOIN sources s ON s.id = r.source_id AND s.kind IN (${OTHER_ROLL})
      WHERE n.${field} IS NOT NULL AND r.${field} IS NOT NULL AND r.${field} <> n.${field}
      UNION ALL
      SELECT n.person_key, n.household_key, n.village, n.id, 'national', n.name, n.${field}
      FROM records n JOIN sources ns ON ns.id = n.source_id AND ns.kind = 'national'
      WHERE n.${field} IS NOT NULL AND EXISTS (SELECT 1 FROM records r JOIN sources s ON s.id = r.source_id AND s.kind IN (${OTHER_ROLL})
        WHERE r.person_key = n.person_key AND r.${field} IS NOT NULL AND r.${field} <> n.${field})`,
  {}, { field, level: 'person' }, (hits) => describe(hits, field));
}

/** A household field that differs between the national export and another roll ledger's record of the household. */
export function householdFieldDiff(ctx: RuleContext, field: string): Finding[] {
  return collect(ctx, `WITH n AS (SELECT r.household_key, max(r.village) AS village, min(r.id) AS id, max(r.${field}) AS v
        FROM records r JOIN sources s ON s.id = r.source_id AND s.kind = 'national'
        WHERE r.household_key IS NOT NULL AND r.${field} IS NOT NULL GROUP BY r.household_key),
      o AS (SELECT r.household_key, s.kind, min(r.id) AS id, max(r.${field}) AS v
        FROM records r JOIN sources s ON s.id = r.source_id AND s.kind IN (${OTHER_ROLL})
        WHERE r.household_key IS NOT NULL AND r.${field} IS NOT NULL GROUP BY r.household_key, s.kind)
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
