import { FIELD_KEYS } from '../../shared/domain/fields';
import type { Db } from '../workspace/workspace';
import { ROLL } from './query';
import type { RuleContext } from './types';

/** Household-level fields that every member row repeats and rules compare within and across ledgers. */
export const HOUSEHOLD_ROW_FIELDS = ['poverty_attr', 'exit_flag', 'exit_year', 'income_per_capita', 'household_size', 'helper_name'];

/**
 * Narrow copies of the rows many rules read, built from `records` (over the re-checked households alone when a check is
 * scoped) the first time a rule of the check asks for one, so that a thread builds only what its rules read:
 * - `roll`: every roll-ledger row with its ledger kind and the fields compared across ledgers. Cross-ledger rules
 *   join the national export to the other rolls person by person; on a county, doing that over the wide `records`
 *   rows fetched a page from disk for most lookups (5–7 s a rule, measured).
 * - `roll_by_person`: an index of the roll (dropped with it) by person and ledger kind, for the rules and tables that
 *   look persons up in it (the household rules, which read `members`, do without it).
 * - `person_kinds`: the roll ledger kinds each person is in (`,card,national,`) and how many, for the rules that ask who
 *   is missing from a ledger: one pass over the index instead of a lookup per roll row (1.07 M for ledger.extra on a
 *   county).
 * - `members`: a view of the roll rows of households with a relation (sex and birth date from the ID where it is usable).
 * - `roll_by_household`: an index of the roll by household, ledger kind and relation, for the rules that read a household's
 *   rows or look up its spouses.
 * - `heads`: the roll's head rows (与户主关系 户主) by household and ledger kind, with what the rules compare the members
 *   with: the rules that set each member beside the head of the household found the head through the household index and
 *   then its roll row, 1.4 M times (0.6–1.3 s a rule on a county, measured; 0.5 s to build this). Without that index
 *   they can run on the other thread.
 * - `household_values`: each household in each roll ledger kind (its rows in all the files of that kind, which a township
 *   may keep one per village), grouped once in the order of that index: for every field its (largest) value and whether
 *   its rows differ in it, and how many members, heads and spouses it has. The rules
 *   comparing a household field with the national export each grouped every roll row again (2 s a rule on a county,
 *   measured), and so did those counting a household's members or testing that its rows agree (3.1 s for five, against
 *   0.8 s more to group here); they look up the rows of the households they report by that index.
 * - `person_pairs`: each national row beside every other roll ledger's row of the same person where the two differ in
 *   a field the rules compare, joined once for the rules that compare a person across ledgers (2 s a rule on a county
 *   when each joined them, measured). Pairs that agree are left out: a county's 1.07 M pairs cost 1.4 s more to write
 *   and each rule 0.25 s more to read again, for a few thousand that differ.
 * - `national`: the national export's rows with their canonical values, links and age on the check date, without the
 *   imported cells: the rules that test the reference roll alone each read a county's 358 000 wide rows again (0.5–0.9 s
 *   a rule, measured).
 * - `national_households`: the first national row of each household, which speaks for the household, copied whole: the
 *   eleven rules that test a household's values read a county's 100 000 households instead of picking them out of its
 *   358 000 national rows (0.11 → 0.02 s a rule, for 0.3 s more to build, measured).
 * - `dept`: department rows by person and list, with the few fields rules ask of them, for the rules that ask whether a
 *   person is on a department's list. Kept in that order (its key) rather than indexed: a lookup that reads a field finds
 *   it beside the key (the medical check 1.4 → 0.9 s, the school-roll check 1.1 → 0.4 s on a county, measured).
 * Rules that build a table but the roll and its members view run on one thread (`ownTables`), so that no other table is
 * built twice.
 * No index leads with the ledger kind: without statistics on temp tables SQLite would take such an index over the person
 * index for the per-person lookups (32 s a rule on 5 000 households, measured).
 */
const CHECK_TABLES = {
  roll: {
    needs: [],
    // Read by half the rules, and built in under 2 s on a county: better built on both threads than all those rules on one.
    split: true,
    sql: `CREATE TEMP TABLE roll AS SELECT r.id, s.kind, r.household_key, r.village, r.person_key, r.link_method, r.name,
        r.sex, r.relation, r.head_id, ${HOUSEHOLD_ROW_FIELDS.map((f) => `r.${f}`).join(', ')}, coalesce(r.id_sex, r.sex) AS sx,
        r.id_birth AS birth
      FROM records r JOIN sources s ON s.id = r.source_id WHERE s.kind IN (${ROLL})`,
  },
  roll_by_person: {
    needs: ['roll'],
    sql: 'CREATE INDEX temp.roll_by_person ON roll(person_key, kind)',
  },
  person_kinds: {
    needs: ['roll_by_person'],
    // Read in the index's order: grouped without a sort.
    sql: `CREATE TEMP TABLE person_kinds (person_key TEXT PRIMARY KEY, kinds TEXT NOT NULL, kind_count INTEGER NOT NULL) WITHOUT ROWID;
      INSERT INTO temp.person_kinds SELECT person_key, ',' || group_concat(DISTINCT kind) || ',', count(DISTINCT kind) FROM temp.roll
        WHERE person_key IS NOT NULL GROUP BY person_key`,
  },
  members: {
    // A view, not a copy: every roll row but a few is a member row (a copy cost 2.8 s on a county).
    needs: ['roll'],
    split: true,
    sql: 'CREATE TEMP VIEW members AS SELECT * FROM temp.roll WHERE household_key IS NOT NULL AND relation IS NOT NULL',
  },
  roll_by_household: {
    needs: ['roll'],
    sql: 'CREATE INDEX temp.roll_by_household ON roll(household_key, kind, relation)',
  },
  heads: {
    needs: ['roll'],
    // Keyed by the record too: a household with two heads keeps both, and the rules compare its members with each.
    // With the birth dates 12 years on and back, worked out once a head rather than once a member (date arithmetic on a
    // county's 1.4 M member rows, 0.3 s, measured); birth dates from an ID are valid YYYY-MM-DD, so they compare as text.
    sql: `CREATE TEMP TABLE heads (household_key TEXT NOT NULL, kind TEXT NOT NULL, id INTEGER NOT NULL, person_key, sx,
        village, name, children_from, parents_until, PRIMARY KEY (household_key, kind, id)) WITHOUT ROWID;
      INSERT INTO temp.heads SELECT household_key, kind, id, person_key, sx, village, name,
          date(birth, '+12 years'), date(birth, '-12 years')
        FROM temp.roll WHERE relation = '户主' AND household_key IS NOT NULL`,
  },
  household_values: {
    needs: ['roll_by_household'],
    // Grouped in the order of the household index, and so written in the order of its own key: nothing is sorted.
    // A field "varies" when the household's rows hold two values of it (blanks aside), as count(DISTINCT) would say.
    sql: `CREATE TEMP TABLE household_values (household_key TEXT NOT NULL, kind TEXT NOT NULL,
        ${HOUSEHOLD_ROW_FIELDS.map((f) => `${f}, ${f}_varies`).join(', ')}, members, heads, spouses,
        PRIMARY KEY (household_key, kind)) WITHOUT ROWID;
      INSERT INTO temp.household_values SELECT household_key, kind,
        ${HOUSEHOLD_ROW_FIELDS.map((f) => `max(${f}), min(${f}) < max(${f})`).join(', ')},
        count(relation), sum(relation = '户主'), sum(relation = '配偶')
      FROM temp.roll WHERE household_key IS NOT NULL GROUP BY household_key, kind`,
  },
  person_pairs: {
    needs: ['roll_by_person'],
    sql: `CREATE TEMP TABLE person_pairs AS SELECT n.person_key, n.household_key, n.village, n.id AS national_id, n.link_method,
        n.name AS national_name, n.sex AS national_sex, n.relation AS national_relation,
        r.id, r.kind, r.household_key AS other_household, r.name, r.sex, r.relation
      FROM temp.roll n JOIN temp.roll r ON r.person_key = n.person_key AND r.kind <> 'national'
      WHERE n.kind = 'national'
        AND (r.name <> n.name OR r.sex <> n.sex OR r.relation <> n.relation OR r.household_key <> n.household_key)`,
  },
  national: {
    needs: [],
    // The age on the check date once per person, not once per rule that asks (a call into JavaScript for each of a county's
    // 358 000 rows, 0.09–0.15 s a rule, measured). The date is a checked YYYY-MM-DD setting or today.
    sql: (ctx: RuleContext) => `CREATE TEMP TABLE national AS SELECT r.id, s.kind, r.person_key, r.household_key, r.link_method, r.id_birth,
        r.id_sex, age_on(r.id_birth, '${ctx.asOf}') AS age, ${FIELD_KEYS.map((f) => `r.${f}`).join(', ')}
      FROM records r JOIN sources s ON s.id = r.source_id WHERE s.kind = 'national';
      CREATE INDEX temp.national_household ON national(household_key, id)`,
  },
  national_households: {
    needs: ['national'],
    sql: `CREATE TEMP TABLE national_households AS SELECT * FROM temp.national WHERE id IN (
      SELECT min(id) FROM temp.national WHERE household_key IS NOT NULL GROUP BY household_key)`,
  },
  dept: {
    needs: [],
    sql: `CREATE TEMP TABLE dept (person_key TEXT NOT NULL, kind TEXT NOT NULL, id INTEGER NOT NULL, insured_status, enrol_status,
        enrol_exception, PRIMARY KEY (person_key, kind, id)) WITHOUT ROWID;
      INSERT INTO temp.dept SELECT r.person_key, s.kind, r.id, r.insured_status, r.enrol_status, r.enrol_exception
      FROM records r JOIN sources s ON s.id = r.source_id WHERE s.kind NOT IN (${ROLL}) AND r.person_key IS NOT NULL
      ORDER BY r.person_key, s.kind, r.id`,
  },
} satisfies Record<string, { needs: string[]; sql: string | ((ctx: RuleContext) => string); split?: true }>;

export type CheckTable = keyof typeof CHECK_TABLES;

/**
 * Of the check tables a rule builds, those that tie it to the other rules building them, to run on one thread: all but
 * those built on either thread (`split`).
 */
export function ownTables(tables: readonly CheckTable[]): CheckTable[] {
  return tables.filter((t) => !('split' in CHECK_TABLES[t]));
}

/** A check table's name for a rule's SQL, built on this connection (with the tables it is made from) if it is not yet. */
export function checkTable(ctx: RuleContext, name: CheckTable): string {
  if (!ctx.tables.has(name)) {
    for (const need of CHECK_TABLES[name].needs as CheckTable[]) checkTable(ctx, need);
    const { sql } = CHECK_TABLES[name];
    ctx.db.exec(typeof sql === 'function' ? sql(ctx) : sql);
    ctx.tables.add(name);
  }
  return `temp.${name}`;
}

/** Drops the check tables and views of this connection (their indexes go with them). */
export function dropCheckTables(db: Db): void {
  const built = db.prepare(`SELECT type, name FROM temp.sqlite_master WHERE type IN ('table', 'view') AND name IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(Object.keys(CHECK_TABLES))) as { type: 'table' | 'view'; name: string }[];
  db.exec(built.map((t) => `DROP ${t.type.toUpperCase()} temp.${t.name}`).join('; '));
}
