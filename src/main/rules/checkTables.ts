import fs from 'node:fs';
import { PAGE_SIZE, type Db } from '../workspace/workspace';
import { MEMBER_VS_HEAD, RELATION_CLASSES } from './household/memberVsHead';
import { ROLL } from './query';
import type { RuleContext } from './types';

/**
 * The national export's fields the rules read from `national`: what else they read of it they read from the roll (the
 * identity, relation and household fields) or from the department lists. A rule that reads another fails its cases
 * with "no such column". Copying all 73 fields cost 0.3 s more on a county (measured).
 */
const NATIONAL_FIELDS = ['village', 'name', 'student_status', 'health', 'labour', 'work_status', 'public_post_type',
  'dibao', 'tekun', 'household_size', 'poverty_attr', 'exit_flag', 'exit_year', 'first_year', 'income_total', 'income_per_capita',
  'income_wage', 'income_business', 'income_property', 'income_transfer', 'expense_business', 'helper_name', 'household_type',
  'monitor_category', 'risk_eliminated', 'identified_at', 'eliminated_at'] as const;

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
 * - `roll_villages`: the villages each roll ledger kind has rows in, for the rules that compare a ledger with the national
 *   export only where it covers (each grouped a county's 1.43 M roll rows again: 0.4 s and 0.2 s, measured).
 * - `members`: a view of the roll rows of households with a relation (sex and birth date from the ID where it is usable).
 * - `roll_by_household`: an index of the roll by household, ledger kind and relation, for the rules that read a household's
 *   rows or look up its head.
 * - `member_heads`: the member rows beside the head of their household in the same ledger kind (found by the household
 *   index; a row for each head when a household has two) where one of the comparisons of `MEMBER_VS_HEAD` fails, with a
 *   column saying which: one pass over a county's 1.43 M member rows for the four rules that each made their own (2.7 →
 *   1.6 s, measured). What a relation says (a man, a child of the head…) is looked up once a row in `relation_classes`
 *   rather than tested against four lists (−0.3 s).
 * - `household_values`: each household in each roll ledger kind (its rows in all the files of that kind, which a township
 *   may keep one per village), grouped once in the order of that index: for every field its (largest) value and whether
 *   its rows differ in it, and how many members, heads and spouses it has. The rules comparing a household field with the
 *   national export each grouped every roll row again (2 s a rule on a county, measured), and so did those counting a
 *   household's members or testing that its rows agree (3.1 s for five, against 0.8 s more to group here); they look up
 *   the rows of the households they report by that index.
 * - `household_pairs`: each household's values in the national export beside another roll ledger kind's where the two differ
 *   in one of them, for the rules that compare a household field across ledgers (each joined a county's 400 000 grouped
 *   households again: 0.13–0.19 s a rule, measured).
 * - `person_pairs`: each national row beside every other roll ledger's row of the same person where the two differ in
 *   a field the rules compare, joined once for the rules that compare a person across ledgers (2 s a rule on a county
 *   when each joined them, measured). Pairs that agree are left out: a county's 1.07 M pairs cost 1.4 s more to write
 *   and each rule 0.25 s more to read again, for a few thousand that differ.
 * - `national`: the national export's rows with the fields the rules read of them (`NATIONAL_FIELDS`), links and age on the
 *   check date, without the imported cells: the rules that test the reference roll alone each read a county's 358 000
 *   wide rows again (0.5–0.9 s a rule, measured).
 * - `national_households`: the first national row of each household, which speaks for the household, copied whole: the
 *   eleven rules that test a household's values read a county's 100 000 households instead of picking them out of its
 *   358 000 national rows (0.11 → 0.02 s a rule, for 0.3 s more to build, measured).
 * - `national_household_sums`: each household of the national export with what rules ask of its members together: its
 *   village, first row and 贫困户属性, whether one is on 低保 or 特困, how many can work, how many work (务工 or a 公益性岗位
 *   in the export) and how many hold a post (公益性岗位, or on the forestry or labour department's list of post holders).
 *   Grouped once for the three rules that each grouped a county's 358 000 national rows again (1.17 → 0.9 s, measured).
 * - `dept`: department rows by person and list, with the few fields rules ask of them, for the rules that ask whether a
 *   person is on a department's list. Kept in that order (its key) rather than indexed: a lookup that reads a field finds
 *   it beside the key (the medical check 1.4 → 0.9 s, the school-roll check 1.1 → 0.4 s on a county, measured).
 * Rules that build a table but the roll, its indexes and its members view run on one thread (`ownTables`), so that no
 * table is built twice: the roll and its indexes are built once and shared when a check runs on two threads (`SharedRoll`).
 * No index leads with the ledger kind: without statistics on temp tables SQLite would take such an index over the person
 * index for the per-person lookups (32 s a rule on 5 000 households, measured).
 */
const CHECK_TABLES = {
  roll: {
    needs: [],
    shared: true,
    sql: (at) => `CREATE TABLE ${at('roll')} AS SELECT r.id, s.kind, r.household_key, r.village, r.person_key, r.link_method, r.name,
        r.sex, r.relation, r.head_id, ${HOUSEHOLD_ROW_FIELDS.map((f) => `r.${f}`).join(', ')}, coalesce(r.id_sex, r.sex) AS sx,
        r.id_birth AS birth
      FROM records r JOIN sources s ON s.id = r.source_id WHERE s.kind IN (${ROLL})`,
  },
  roll_by_person: {
    needs: ['roll'],
    shared: true,
    sql: (at) => `CREATE INDEX ${at('roll_by_person')} ON roll(person_key, kind)`,
  },
  person_kinds: {
    needs: ['roll_by_person'],
    // Read in the index's order: grouped without a sort.
    sql: (at) => `CREATE TABLE ${at('person_kinds')} (person_key TEXT PRIMARY KEY, kinds TEXT NOT NULL, kind_count INTEGER NOT NULL) WITHOUT ROWID;
      INSERT INTO ${at('person_kinds')} SELECT person_key, ',' || group_concat(DISTINCT kind) || ',', count(DISTINCT kind) FROM ${at('roll')}
        WHERE person_key IS NOT NULL GROUP BY person_key`,
  },
  roll_villages: {
    needs: ['roll'],
    sql: (at) => `CREATE TABLE ${at('roll_villages')} AS SELECT DISTINCT kind, village FROM ${at('roll')}`,
  },
  members: {
    // A view, not a copy: every roll row but a few is a member row (a copy cost 2.8 s on a county).
    needs: ['roll'],
    everyThread: true,
    sql: (at) => `CREATE VIEW ${at('members')} AS SELECT * FROM ${at('roll')} WHERE household_key IS NOT NULL AND relation IS NOT NULL`,
  },
  roll_by_household: {
    needs: ['roll'],
    shared: true,
    sql: (at) => `CREATE INDEX ${at('roll_by_household')} ON roll(household_key, kind, relation)`,
  },
  relation_classes: {
    needs: [],
    sql: (at) => `CREATE TABLE ${at('relation_classes')} (relation TEXT PRIMARY KEY, male, female, child, parent) WITHOUT ROWID;
      INSERT INTO ${at('relation_classes')} VALUES ${RELATION_CLASSES.map((c) => `('${c.relation}', ${Number(c.male)}, ${Number(c.female)}, ${Number(c.child)}, ${Number(c.parent)})`).join(', ')}`,
  },
  member_heads: {
    needs: ['members', 'roll_by_household', 'relation_classes'],
    sql: (at) => `CREATE TABLE ${at('member_heads')} AS SELECT m.id, m.kind, m.household_key, m.village, m.person_key, m.name, m.relation,
        m.head_id, h.id AS head, h.village AS head_village, h.person_key AS head_person, h.name AS head_name,
        ${Object.entries(MEMBER_VS_HEAD).map(([column, condition]) => `coalesce(${condition}, 0) AS ${column}`).join(', ')}
      FROM ${at('members')} m LEFT JOIN ${at('roll')} h ON h.household_key = m.household_key AND h.kind = m.kind AND h.relation = '户主'
        LEFT JOIN ${at('relation_classes')} k ON k.relation = m.relation
      WHERE ${Object.values(MEMBER_VS_HEAD).map((condition) => `(${condition})`).join(' OR ')}`,
  },
  household_values: {
    needs: ['roll_by_household'],
    // Grouped in the order of the household index, and so written in the order of its own key: nothing is sorted.
    // A field "varies" when the household's rows hold two values of it (blanks aside), as count(DISTINCT) would say.
    sql: (at) => `CREATE TABLE ${at('household_values')} (household_key TEXT NOT NULL, kind TEXT NOT NULL,
        ${HOUSEHOLD_ROW_FIELDS.map((f) => `${f}, ${f}_varies`).join(', ')}, members, heads, spouses,
        PRIMARY KEY (household_key, kind)) WITHOUT ROWID;
      INSERT INTO ${at('household_values')} SELECT household_key, kind,
        ${HOUSEHOLD_ROW_FIELDS.map((f) => `max(${f}), min(${f}) < max(${f})`).join(', ')},
        count(relation), sum(relation = '户主'), sum(relation = '配偶')
      FROM ${at('roll')} WHERE household_key IS NOT NULL GROUP BY household_key, kind`,
  },
  household_pairs: {
    needs: ['household_values'],
    sql: (at) => `CREATE TABLE ${at('household_pairs')} AS SELECT n.household_key, o.kind,
        ${HOUSEHOLD_ROW_FIELDS.map((f) => `o.${f}, n.${f} AS national_${f}`).join(', ')}
      FROM ${at('household_values')} n JOIN ${at('household_values')} o ON o.household_key = n.household_key AND o.kind <> 'national'
      WHERE n.kind = 'national' AND (${HOUSEHOLD_ROW_FIELDS.map((f) => `o.${f} <> n.${f}`).join(' OR ')})`,
  },
  person_pairs: {
    needs: ['roll_by_person'],
    sql: (at) => `CREATE TABLE ${at('person_pairs')} AS SELECT n.person_key, n.household_key, n.village, n.id AS national_id, n.link_method,
        n.name AS national_name, n.sex AS national_sex, n.relation AS national_relation,
        r.id, r.kind, r.household_key AS other_household, r.name, r.sex, r.relation
      FROM ${at('roll')} n JOIN ${at('roll')} r ON r.person_key = n.person_key AND r.kind <> 'national'
      WHERE n.kind = 'national'
        AND (r.name <> n.name OR r.sex <> n.sex OR r.relation <> n.relation OR r.household_key <> n.household_key)`,
  },
  national: {
    needs: [],
    // The age on the check date once per person, not once per rule that asks (a call into JavaScript for each of a county's
    // 358 000 rows, 0.09–0.15 s a rule, measured). The date is a checked YYYY-MM-DD setting or today.
    sql: (at, ctx) => `CREATE TABLE ${at('national')} AS SELECT r.id, s.kind, r.person_key, r.household_key, r.link_method, r.id_birth,
        r.id_sex, age_on(r.id_birth, '${ctx.asOf}') AS age, ${NATIONAL_FIELDS.map((f) => `r.${f}`).join(', ')}
      FROM records r JOIN sources s ON s.id = r.source_id WHERE s.kind = 'national';
      CREATE INDEX temp.national_household ON national(household_key, id)`,
  },
  national_households: {
    needs: ['national'],
    sql: (at) => `CREATE TABLE ${at('national_households')} AS SELECT * FROM ${at('national')} WHERE id IN (
      SELECT min(id) FROM ${at('national')} WHERE household_key IS NOT NULL GROUP BY household_key)`,
  },
  national_household_sums: {
    needs: ['national', 'dept'],
    // Whether a member holds a post is asked once a row: the post holders are a set made once that each row looks up
    // (0.25 s over a county's national rows, measured; an EXISTS searching the department table for each took twice that).
    sql: (at) => `CREATE TABLE ${at('national_household_sums')} (household_key TEXT PRIMARY KEY, village, first_id, poverty_attr, dibao, tekun,
        able, working, posts) WITHOUT ROWID;
      INSERT INTO ${at('national_household_sums')} SELECT r.household_key, max(r.village), min(r.id), max(r.poverty_attr),
        max(coalesce(r.dibao, 0)), max(coalesce(r.tekun, 0)), sum(r.labour IN ('普通劳动力', '技能劳动力')),
        sum(coalesce(r.work_status, '') <> '' OR coalesce(r.public_post_type, '') <> ''),
        sum(coalesce(r.public_post_type, '') <> '' OR r.person_key IN (SELECT d.person_key FROM ${at('dept')} d WHERE d.kind IN ('forestry', 'labor')))
      FROM ${at('national')} r WHERE r.household_key IS NOT NULL GROUP BY r.household_key`,
  },
  dept: {
    needs: [],
    sql: (at) => `CREATE TABLE ${at('dept')} (person_key TEXT NOT NULL, kind TEXT NOT NULL, id INTEGER NOT NULL, insured_status, enrol_status,
        enrol_exception, PRIMARY KEY (person_key, kind, id)) WITHOUT ROWID;
      INSERT INTO ${at('dept')} SELECT r.person_key, s.kind, r.id, r.insured_status, r.enrol_status, r.enrol_exception
      FROM records r JOIN sources s ON s.id = r.source_id WHERE s.kind NOT IN (${ROLL}) AND r.person_key IS NOT NULL
      ORDER BY r.person_key, s.kind, r.id`,
  },
} satisfies Record<string, { needs: string[]; sql: (at: (table: string) => string, ctx: RuleContext) => string; shared?: true; everyThread?: true }>;

export type CheckTable = keyof typeof CHECK_TABLES;

const SHARED_ROLL = (Object.keys(CHECK_TABLES) as CheckTable[]).filter((t) => 'shared' in CHECK_TABLES[t]);
const SHARED_SCHEMA = 'shared_roll';
/** How long a thread waits for the other to build the roll before it gives the check up: far beyond a county's 4 s. */
const SHARED_ROLL_WAIT_MS = 10 * 60_000;

/**
 * The roll and its two indexes in a file of their own when a check runs on two threads: the main thread builds them once
 * (3.7 s on a county) and the rule worker reads them, where each thread built its own roll before (1.4 s on each).
 * Temporary tables are private to a connection and an index lives beside its table, so the three go together.
 */
export interface SharedRoll {
  file: string;
  /** [0]: 0 while the main thread builds the roll, 1 once it is built, 2 when it will not be. */
  state: Int32Array;
}

export function sharedRoll(file: string, buffer = new SharedArrayBuffer(4)): SharedRoll {
  return { file, state: new Int32Array(buffer) };
}

/** The shared roll's file: beside the workspace, as its write-ahead log is. */
export const sharedRollFile = (workspace: string): string => `${workspace}-check`;

/** Whether a rule reading these tables reads the roll, built up front on the main thread when a check is shared. */
export function readsRoll(tables: readonly CheckTable[]): boolean {
  const reads = (t: CheckTable): boolean => SHARED_ROLL.includes(t) || (CHECK_TABLES[t].needs as CheckTable[]).some(reads);
  return tables.some(reads);
}

/**
 * Of the check tables a rule builds, those that tie it to the other rules building them, to run on one thread: all but
 * the shared roll and the views each thread makes of it.
 */
export function ownTables(tables: readonly CheckTable[]): CheckTable[] {
  return tables.filter((t) => !('shared' in CHECK_TABLES[t]) && !('everyThread' in CHECK_TABLES[t]));
}

const qualified = (ctx: RuleContext) => (name: string): string =>
  `${ctx.sharedRoll && SHARED_ROLL.includes(name as CheckTable) ? SHARED_SCHEMA : 'temp'}.${name}`;

function build(ctx: RuleContext, name: CheckTable): void {
  for (const need of CHECK_TABLES[name].needs as CheckTable[]) checkTable(ctx, need);
  ctx.db.exec(CHECK_TABLES[name].sql(qualified(ctx), ctx));
  ctx.tables.add(name);
}

/** A check table's name for a rule's SQL, built on this connection (with the tables it is made from) if it is not yet. */
export function checkTable(ctx: RuleContext, name: CheckTable): string {
  if (!ctx.tables.has(name)) {
    if (ctx.sharedRoll && SHARED_ROLL.includes(name)) attachSharedRoll(ctx, ctx.sharedRoll);
    else build(ctx, name);
  }
  return qualified(ctx)(name);
}

function attach(db: Db, file: string): void {
  db.prepare(`ATTACH DATABASE ? AS ${SHARED_SCHEMA}`).run(file);
  // 32 MB on each connection, the rest read from the file: 16 / 32 / 64 MB gave a county's full check 12.0–12.6 / 11.4 /
  // 11.1–13.5 s (this machine varies) and peak 1 245 / 1 300 / 1 460 MB, measured.
  db.pragma(`${SHARED_SCHEMA}.cache_size = -32768`);
}

/**
 * Builds the shared roll on this connection (the main thread's, outside any transaction: the rule worker reads what is
 * committed) and tells the worker, which waits for it, whether it is there.
 */
export function buildSharedRoll(ctx: RuleContext, shared: SharedRoll): void {
  try {
    fs.rmSync(shared.file, { force: true });
    attach(ctx.db, shared.file);
    // Scratch: nothing to recover after a crash, so no journal and no syncing.
    ctx.db.exec(`PRAGMA ${SHARED_SCHEMA}.page_size = ${PAGE_SIZE}; PRAGMA ${SHARED_SCHEMA}.journal_mode = OFF;
      PRAGMA ${SHARED_SCHEMA}.synchronous = OFF`);
    ctx.sharedRoll = shared;
    for (const t of SHARED_ROLL) build(ctx, t);
    Atomics.store(shared.state, 0, 1);
  } catch (error) {
    Atomics.store(shared.state, 0, 2);
    throw error;
  } finally {
    Atomics.notify(shared.state, 0);
  }
}

/** Whether the main thread has finished building the shared roll (or given it up), without waiting. */
export const rollSettled = (shared: SharedRoll): boolean => Atomics.load(shared.state, 0) !== 0;

/** On the rule worker: waits until the main thread has built the shared roll, then reads it. */
function attachSharedRoll(ctx: RuleContext, shared: SharedRoll): void {
  if (Atomics.wait(shared.state, 0, 0, SHARED_ROLL_WAIT_MS) === 'timed-out') throw new Error('the shared roll was not built in time');
  if (Atomics.load(shared.state, 0) !== 1) throw new Error('the shared roll was not built');
  attach(ctx.db, shared.file);
  for (const t of SHARED_ROLL) ctx.tables.add(t);
}

/**
 * After the check (the worker's connection closed): the worker stops waiting for a roll that was never built, and the
 * file goes.
 */
export function removeSharedRoll(shared: SharedRoll): void {
  if (Atomics.compareExchange(shared.state, 0, 0, 2) === 0) Atomics.notify(shared.state, 0);
  removeFile(shared.file);
}

/** The shared roll a check stopped from outside (a cancelled or crashed job) left beside the workspace. */
export function removeLeftRoll(workspace: string): void {
  removeFile(sharedRollFile(workspace));
}

function removeFile(file: string): void {
  try {
    fs.rmSync(file, { force: true });
  } catch {
    // One a worker still holds open (Windows) goes with the next check (buildSharedRoll).
  }
}

/** Drops the check tables and views of this connection (their indexes go with them) and lets go of the shared roll. */
export function dropCheckTables(db: Db): void {
  const built = db.prepare(`SELECT type, name FROM temp.sqlite_master WHERE type IN ('table', 'view') AND name IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(Object.keys(CHECK_TABLES))) as { type: 'table' | 'view'; name: string }[];
  db.exec(built.map((t) => `DROP ${t.type.toUpperCase()} temp.${t.name}`).join('; '));
  if ((db.pragma('database_list') as { name: string }[]).some((d) => d.name === SHARED_SCHEMA)) db.exec(`DETACH DATABASE ${SHARED_SCHEMA}`);
}
