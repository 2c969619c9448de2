import type { Statement } from 'better-sqlite3';
import { analyzeId } from '../../shared/domain/idNumber';
import { LEDGER_KINDS } from '../../shared/domain/ledgerKinds';
import { ID_PROBLEM } from '../workspace/migrations/005_id_problem_index';
import type { Db } from '../workspace/workspace';

/**
 * Linkage: every record gets a person key and, where one can be known, a household key.
 * - Persons link by the normalised ID. A record whose ID is damaged, malformed, mistyped or missing is linked to a
 *   person by name plus evidence (the ID's surviving digits, the birth date, the household) as a *probable* match
 *   with its confidence, or stays a person of its own ("R" + record id): never merged on a name alone.
 * - Households link by 户编号; roll ledgers without one by consecutive rows under the same 户主, mapped to the
 *   household most of their members belong to; department records through their person (or household head).
 */

const ROLL_KINDS = LEDGER_KINDS.filter((k) => k.roll).map((k) => `'${k.id}'`).join(', ');
export const PROBABLE_THRESHOLD = 0.8;

export interface LinkSummary {
  byId: number;
  probable: number;
  unlinked: number;
  households: number;
  /** How long linking took (with the planner statistics it refreshes), apart from the rules after it. */
  ms: number;
}

interface Unlinked {
  id: number;
  name: string | null;
  id_number: string | null;
  id_status: string;
  birth_date: string | null;
  head_name: string | null;
  village: string | null;
}

interface Candidate {
  person_key: string;
  birth_date: string | null;
  head_name: string | null;
  village: string | null;
}

/** Positions where two IDs differ, counting a missing or extra character as one. */
function idDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 1) return 99;
  if (a.length !== b.length) return b.startsWith(a) || a.startsWith(b) ? 1 : 99;
  let d = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) d++;
  return d;
}

/** How strongly a candidate person is the one an unlinked record describes (0 = not at all). */
export function matchConfidence(record: Unlinked, candidate: Candidate): number {
  const id = record.id_number ?? '';
  let best = 0;
  if (record.id_status === 'excel_damaged' && /^\d{15}/.test(id) && candidate.person_key.startsWith(id.slice(0, 15))) best = 0.95;
  if ((record.id_status === 'checksum' || record.id_status === 'malformed') && idDistance(id, candidate.person_key) <= 2) best = Math.max(best, 0.9);
  if (record.birth_date && record.birth_date === candidate.birth_date) best = Math.max(best, 0.9);
  if (record.head_name && record.head_name === candidate.head_name && record.village === candidate.village) best = Math.max(best, 0.8);
  return best;
}

/**
 * The full link is worked out in a narrow temporary table and written back to `records` in one pass that touches only
 * rows whose link changed: rewriting every wide record row several times was most of the link's time. The table also
 * keeps what the household blocks are read from (sheet, 户主, village, relation).
 */
function createLinkTable(db: Db): void {
  db.exec(`DROP TABLE IF EXISTS temp.link;
    CREATE TEMP TABLE link (record_id INTEGER PRIMARY KEY, kind TEXT NOT NULL, person_key TEXT, method TEXT, confidence REAL,
      household_key TEXT, head_id TEXT, source_id INTEGER NOT NULL, sheet TEXT NOT NULL, head_name TEXT, village TEXT, relation TEXT)`);
}

/**
 * Every record in one pass over `records`, linked by ID where its ID (or, on lists without one, its disability card or
 * its household head's ID) settles who it is; the rest get a null person key for the steps after. One pass, not one per
 * kind of key: each is a scan of a county's 900 MB of records.
 */
function linkById(db: Db): void {
  db.prepare(`INSERT INTO temp.link SELECT r.id, s.kind, r.key, CASE WHEN r.key IS NOT NULL THEN 'id' END,
      CASE WHEN r.key IS NOT NULL THEN 1 END, r.household_no, r.head_id, r.source_id, r.sheet, r.head_name, r.village, r.relation
    FROM (SELECT id, source_id, household_no, head_id, sheet, head_name, village, relation, CASE
        WHEN id_status IN ('ok', 'legacy15', 'bad_birth_date') THEN id_number
        -- A disability card number is the holder's ID plus two digits.
        WHEN id_number IS NULL AND length(disability_card) = 20 THEN substr(disability_card, 1, 18)
        -- Household-grain lists (housing, water) name the household by its head.
        WHEN id_number IS NULL AND length(head_id) = 18 THEN head_id END AS key
      FROM records) r JOIN sources s ON s.id = r.source_id`).run();
  // The same mistyped ID in two ledgers is the same person's record, typed once and copied. An ID's status follows from
  // its text, so every record of a mistyped ID is among the few the problem index holds.
  db.prepare(`UPDATE temp.link SET person_key = r.id_number, method = 'id', confidence = 1 FROM records r
    WHERE r.id = link.record_id AND r.${ID_PROBLEM} AND r.id_status IN ('checksum', 'malformed')
      AND r.id_number IN (SELECT o.id_number FROM records o WHERE o.${ID_PROBLEM} GROUP BY o.id_number HAVING count(DISTINCT o.source_id) > 1)`).run();
}

function linkPersons(db: Db): { byId: number; probable: number; unlinked: number } {
  linkById(db);
  db.exec('CREATE INDEX temp.link_person ON link(person_key)');
  const unlinked = db.prepare(`SELECT r.id, r.name, r.id_number, r.id_status, r.birth_date, r.head_name, r.village
    FROM temp.link l JOIN records r ON r.id = l.record_id WHERE l.person_key IS NULL`).all() as Unlinked[];
  const byId = (db.prepare('SELECT count(*) AS n FROM temp.link WHERE person_key IS NOT NULL').get() as { n: number }).n;
  const candidates = namesakes(db, unlinked);
  const settle = db.prepare('UPDATE temp.link SET person_key = ?, method = ?, confidence = ? WHERE record_id = ?');
  let probable = 0;
  for (const rec of unlinked) {
    const scored = rec.name === null ? [] : (candidates.all(rec.name) as Candidate[])
      .map((c) => ({ key: c.person_key, confidence: matchConfidence(rec, c) }))
      .filter((c) => c.confidence >= PROBABLE_THRESHOLD);
    const best = Math.max(0, ...scored.map((c) => c.confidence));
    const keys = new Set(scored.filter((c) => c.confidence === best).map((c) => c.key));
    const [key] = keys;
    const matched = keys.size === 1 && key !== undefined;
    if (matched) probable++;
    settle.run(matched ? key : `R${rec.id}`, matched ? 'probable' : 'none', matched ? best : 0, rec.id);
  }
  db.exec('DROP TABLE temp.namesakes');
  return { byId, probable, unlinked: unlinked.length - probable };
}

/**
 * The records linked by ID that bear the name of a record still unlinked, by name: read in one pass over the records,
 * which have no index by name (migration 9).
 */
function namesakes(db: Db, unlinked: readonly Unlinked[]): Statement {
  db.exec(`DROP TABLE IF EXISTS temp.namesakes;
    CREATE TEMP TABLE namesakes (name TEXT NOT NULL, person_key TEXT, birth_date TEXT, head_name TEXT, village TEXT)`);
  const names = JSON.stringify([...new Set(unlinked.map((u) => u.name).filter((n) => n !== null))]);
  db.prepare(`INSERT INTO temp.namesakes SELECT r.name, l.person_key, r.birth_date, r.head_name, r.village
    FROM records r JOIN temp.link l ON l.record_id = r.id
    WHERE l.method = 'id' AND r.name IN (SELECT value FROM json_each(?))`).run(names);
  db.exec('CREATE INDEX temp.namesakes_by_name ON namesakes(name)');
  return db.prepare('SELECT DISTINCT person_key, birth_date, head_name, village FROM temp.namesakes WHERE name = ?');
}

interface RollRow {
  id: number;
  source_id: number;
  sheet: string;
  head_name: string | null;
  village: string | null;
  relation: string | null;
  person_key: string;
}

/** For each person, the households their records are in: how many records, and whether one is the national system's. */
type Homes = Map<string, Map<string, { n: number; national: boolean }>>;

function addHome(homes: Homes, person: string, household: string, national: boolean): void {
  let byHousehold = homes.get(person);
  if (!byHousehold) homes.set(person, byHousehold = new Map());
  const home = byHousehold.get(household);
  if (home) {
    home.n++;
    home.national ||= national;
  } else {
    byHousehold.set(household, { n: 1, national });
  }
}

/** The household a person is most surely in: the national system's first, then the one most of their records name. */
function homeOf(homes: Homes, person: string): string | undefined {
  let best: [string, { n: number; national: boolean }] | undefined;
  for (const entry of homes.get(person) ?? []) {
    const [, h] = entry;
    if (!best || Number(h.national) > Number(best[1].national) || (h.national === best[1].national && h.n > best[1].n)) best = entry;
  }
  return best?.[0];
}

/** Roll ledgers without 户编号: a household is a run of consecutive rows under the same 户主 on one sheet. */
function linkHouseholdBlocks(db: Db): void {
  const homes: Homes = new Map();
  const known = db.prepare(`SELECT person_key, household_key, kind = 'national' AS national FROM temp.link
    WHERE household_key IS NOT NULL AND household_key NOT LIKE 'B:%'`).raw().iterate() as IterableIterator<[string, string, number]>;
  for (const [person, household, national] of known) addHome(homes, person, household, national === 1);
  // In record order, which is the link table's own: read without a sort or a look into the wide records.
  const rows = db.prepare(`SELECT record_id AS id, source_id, sheet, head_name, village, relation, person_key FROM temp.link
    WHERE kind IN (${ROLL_KINDS}) AND household_key IS NULL ORDER BY record_id`).all() as RollRow[];
  const blocks: RollRow[][] = [];
  let block: RollRow[] = [];
  for (const row of rows) {
    const prev = block[block.length - 1];
    const sameBlock = prev && prev.source_id === row.source_id && prev.sheet === row.sheet &&
      prev.head_name === row.head_name && prev.village === row.village && !(row.relation === '户主' && block.some((r) => r.relation === '户主'));
    if (!sameBlock && block.length > 0) {
      blocks.push(block);
      block = [];
    }
    block.push(row);
  }
  if (block.length > 0) blocks.push(block);
  const setKey = db.prepare('UPDATE temp.link SET household_key = ? WHERE record_id = ?');
  for (const members of blocks) {
    const votes = new Map<string, number>();
    for (const m of members) {
      const h = homeOf(homes, m.person_key);
      if (h) votes.set(h, (votes.get(h) ?? 0) + 1);
    }
    const [winner] = [...votes].sort((a, b) => b[1] - a[1]);
    const head = members.find((m) => m.relation === '户主') ?? members[0];
    const key = winner?.[0] ?? `B:${head?.person_key ?? members[0]?.id}`;
    for (const m of members) {
      setKey.run(key, m.id);
      // Later blocks see this one's members as placed, as the ledger rows already linked by 户编号 are.
      if (winner) addHome(homes, m.person_key, key, false);
    }
  }
}

/** Birth date and sex from a linked person's key (an ID); null for persons known only by their record. */
function registerIdFacts(db: Db): void {
  const facts = (key: unknown) => (typeof key === 'string' && !key.startsWith('R') ? analyzeId(key) : null);
  db.function('id_birth', { deterministic: true }, (key: unknown) => facts(key)?.birthDate ?? null);
  db.function('id_sex', { deterministic: true }, (key: unknown) => facts(key)?.sex ?? null);
}

/** Birth date and sex of the records of some households, recomputed after their person keys changed. */
function storeIdFacts(db: Db, householdKeys: readonly string[]): void {
  registerIdFacts(db);
  db.prepare(`UPDATE records SET id_birth = id_birth(person_key), id_sex = id_sex(person_key)
    WHERE household_key IN (SELECT value FROM json_each(?))`).run(JSON.stringify(householdKeys));
}

/**
 * Re-link the records of some households after their values changed (a correction): persons by exact ID, households
 * by 户编号. Probable matches and household blocks keep what the last full link decided.
 */
export function relinkHouseholds(db: Db, householdKeys: readonly string[]): void {
  const keys = JSON.stringify(householdKeys);
  db.prepare(`UPDATE records SET person_key = id_number, link_method = 'id', link_confidence = 1
    WHERE household_key IN (SELECT value FROM json_each(?)) AND id_status IN ('ok', 'legacy15', 'bad_birth_date')`).run(keys);
  db.prepare(`UPDATE records SET household_key = household_no
    WHERE household_key IN (SELECT value FROM json_each(?)) AND household_no IS NOT NULL`).run(keys);
  storeIdFacts(db, householdKeys);
}

/**
 * Department records belong to the household their person (or, for a newborn, their head) is in: the national system's
 * when it has one, else the first roll record's (the first insert wins). Each person's household is worked out once,
 * not in two subqueries per record.
 */
function linkDepartmentHouseholds(db: Db): void {
  db.exec(`DROP TABLE IF EXISTS temp.home;
    CREATE TEMP TABLE home (person_key TEXT PRIMARY KEY, household_key TEXT NOT NULL) WITHOUT ROWID;
    INSERT OR IGNORE INTO temp.home SELECT person_key, household_key FROM temp.link
      WHERE kind = 'national' AND person_key IS NOT NULL AND household_key IS NOT NULL ORDER BY record_id;
    INSERT OR IGNORE INTO temp.home SELECT person_key, household_key FROM temp.link
      WHERE kind IN (${ROLL_KINDS}) AND person_key IS NOT NULL AND household_key IS NOT NULL ORDER BY record_id`);
  db.prepare(`UPDATE temp.link SET household_key = coalesce(
      (SELECT h.household_key FROM temp.home h WHERE h.person_key = link.person_key),
      (SELECT h.household_key FROM temp.home h WHERE h.person_key = link.head_id))
    WHERE household_key IS NULL`).run();
  db.exec('DROP TABLE temp.home');
}

/** The indexes over the columns a link writes: kept up to date row by row, or rebuilt when most rows change. */
const LINK_INDEXES = ['records_person', 'records_household_key'];

/**
 * Write the links worked out in temp.link back to the records whose link changed. When most records were never linked
 * (after importing most of the workspace) updating three indexes row by row in random key order took 37 s of a county's
 * 58 s link; dropping them and building them again from sorted keys in the same transaction takes 32 s (measured).
 */
function writeLinks(db: Db): void {
  registerIdFacts(db);
  // Birth date and sex once per person, not once per record: calling into JavaScript for each of a county's records
  // was 16 s of the 26 s this update took (measured).
  db.exec(`DROP TABLE IF EXISTS temp.facts;
    CREATE TEMP TABLE facts (person_key TEXT PRIMARY KEY, birth TEXT, sex TEXT) WITHOUT ROWID;
    INSERT INTO temp.facts SELECT person_key, id_birth(person_key), id_sex(person_key)
      FROM (SELECT DISTINCT person_key FROM temp.link WHERE person_key IS NOT NULL)`);
  const changed = `FROM temp.link l LEFT JOIN temp.facts f ON f.person_key = l.person_key WHERE l.record_id = records.id
    AND (records.person_key IS NOT l.person_key OR records.household_key IS NOT l.household_key OR records.link_method IS NOT l.method
      OR records.link_confidence IS NOT l.confidence)`;
  // Records never linked yet (just imported) are counted from the person index, without reading a record.
  const fresh = (db.prepare('SELECT count(*) AS n FROM records WHERE person_key IS NULL').get() as { n: number }).n;
  const total = (db.prepare('SELECT count(*) AS n FROM temp.link').get() as { n: number }).n;
  const rebuild = fresh > total / 4;
  const indexes = rebuild
    ? db.prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND name IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(LINK_INDEXES)) as { name: string; sql: string }[]
    : [];
  for (const index of indexes) db.exec(`DROP INDEX ${index.name}`);
  // Birth date and sex follow the person key, so they change only where it did.
  db.prepare(`UPDATE records SET person_key = l.person_key, household_key = l.household_key, link_method = l.method,
      link_confidence = l.confidence,
      id_birth = CASE WHEN records.person_key IS l.person_key THEN records.id_birth ELSE f.birth END,
      id_sex = CASE WHEN records.person_key IS l.person_key THEN records.id_sex ELSE f.sex END
    ${changed}`).run();
  for (const index of indexes) db.exec(index.sql);
  db.exec('DROP TABLE temp.facts');
}

/** Rebuild every link from the current values. Runs in one transaction. */
export function linkRecords(db: Db): Omit<LinkSummary, 'ms'> {
  return db.transaction(() => {
    createLinkTable(db);
    const persons = linkPersons(db);
    linkHouseholdBlocks(db);
    linkDepartmentHouseholds(db);
    writeLinks(db);
    const households = (db.prepare('SELECT count(DISTINCT household_key) AS n FROM temp.link').get() as { n: number }).n;
    db.exec('DROP TABLE temp.link');
    return { ...persons, households };
  })();
}
