import type { Db } from '../workspace/workspace';
import { ROLL } from './query';

/** Household-level fields that every member row repeats and rules compare within and across ledgers. */
export const HOUSEHOLD_ROW_FIELDS = ['poverty_attr', 'exit_flag', 'exit_year', 'income_per_capita', 'household_size', 'helper_name'];

/**
 * Narrow copies of the rows many rules read, built once per check from `records` (over the re-checked households alone
 * when a check is scoped):
 * - `temp.roll`: every roll-ledger row with its ledger kind and the fields compared across ledgers. Cross-ledger rules
 *   join the national export to the other rolls person by person; on a county, doing that over the wide `records`
 *   rows fetched a page from disk for most lookups (5–7 s a rule, measured).
 * - `temp.members`: the rows of households with a relation, and sex and birth date from the ID where it is usable.
 * - `temp.dept`: department rows by person and list, for the rules that ask whether a person is on a department's list.
 * No index leads with the ledger kind: without statistics on temp tables SQLite would take such an index over the person
 * index for the per-person lookups (32 s a rule on 5 000 households, measured).
 */
export function createCheckTables(db: Db): void {
  dropCheckTables(db);
  db.exec(`
    CREATE TEMP TABLE roll AS
    SELECT r.id, r.source_id, s.kind, r.household_key, r.village, r.person_key, r.link_method, r.name, r.sex, r.relation,
      r.head_id, ${HOUSEHOLD_ROW_FIELDS.map((f) => `r.${f}`).join(', ')}, coalesce(r.id_sex, r.sex) AS sx, r.id_birth AS birth
    FROM records r JOIN sources s ON s.id = r.source_id
    WHERE s.kind IN (${ROLL});
    CREATE INDEX temp.roll_person ON roll(person_key, kind);
    CREATE INDEX temp.roll_household ON roll(household_key);
    CREATE TEMP TABLE members AS SELECT * FROM temp.roll WHERE household_key IS NOT NULL AND relation IS NOT NULL;
    CREATE INDEX temp.members_household ON members(source_id, household_key, relation);
    CREATE TEMP TABLE dept AS SELECT r.id, s.kind, r.person_key, r.insured_status FROM records r JOIN sources s ON s.id = r.source_id
    WHERE s.kind NOT IN (${ROLL}) AND r.person_key IS NOT NULL;
    CREATE INDEX temp.dept_person ON dept(person_key, kind)`);
}

export function dropCheckTables(db: Db): void {
  db.exec('DROP TABLE IF EXISTS temp.roll; DROP TABLE IF EXISTS temp.members; DROP TABLE IF EXISTS temp.dept');
}
