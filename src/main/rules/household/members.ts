import type { Db } from '../../workspace/workspace';
import { ROLL } from '../query';

/** Household-level fields that every member row repeats and rules compare within a household. */
export const HOUSEHOLD_ROW_FIELDS = ['poverty_attr', 'exit_flag', 'exit_year', 'income_per_capita', 'household_size', 'helper_name'];

/**
 * Member rows of roll-ledger households, one ledger at a time, with sex and birth date from the ID where it is usable.
 * Built once per check (over the re-checked households alone when a check is scoped) because many household rules
 * read it: each materialising it again was most of their time.
 */
export function createMembersTable(db: Db): void {
  db.exec(`DROP TABLE IF EXISTS temp.members;
    CREATE TEMP TABLE members AS
    SELECT r.id, r.source_id, s.kind, r.household_key, r.village, r.person_key, r.name, r.relation, r.head_id,
      ${HOUSEHOLD_ROW_FIELDS.map((f) => `r.${f}`).join(', ')}, coalesce(r.id_sex, r.sex) AS sx, r.id_birth AS birth
    FROM records r JOIN sources s ON s.id = r.source_id
    WHERE s.kind IN (${ROLL}) AND r.household_key IS NOT NULL AND r.relation IS NOT NULL;
    CREATE INDEX temp.members_household ON members(source_id, household_key, relation)`);
}

export function dropMembersTable(db: Db): void {
  db.exec('DROP TABLE IF EXISTS temp.members');
}

export const MEMBERS = 'm AS (SELECT * FROM temp.members)';

/** Every member row of the households (per ledger) that a HAVING clause over `m` picks out. */
export function householdsWhere(having: string): string {
  return `WITH ${MEMBERS}, bad AS (SELECT source_id, household_key FROM m GROUP BY source_id, household_key HAVING ${having})
    SELECT m.household_key AS entity, m.household_key, m.village, m.id AS record_id, m.kind, m.person_key, m.name
    FROM m JOIN bad ON bad.source_id = m.source_id AND bad.household_key = m.household_key`;
}
