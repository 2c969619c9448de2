import { ROLL } from '../query';

/** Member rows of roll-ledger households, one ledger at a time, with sex and birth date from the ID where it is usable. */
export const MEMBERS = `m AS MATERIALIZED (
  SELECT r.id, r.source_id, s.kind, r.household_key, r.village, r.person_key, r.name, r.relation, r.head_id,
    r.household_size, coalesce(r.id_sex, r.sex) AS sx, r.id_birth AS birth
  FROM records r JOIN sources s ON s.id = r.source_id
  WHERE s.kind IN (${ROLL}) AND r.household_key IS NOT NULL AND r.relation IS NOT NULL)`;

/** Every member row of the households (per ledger) that a HAVING clause over `m` picks out. */
export function householdsWhere(having: string): string {
  return `WITH ${MEMBERS}, bad AS (SELECT source_id, household_key FROM m GROUP BY source_id, household_key HAVING ${having})
    SELECT m.household_key AS entity, m.household_key, m.village, m.id AS record_id, m.kind, m.person_key, m.name
    FROM m JOIN bad ON bad.source_id = m.source_id AND bad.household_key = m.household_key`;
}
