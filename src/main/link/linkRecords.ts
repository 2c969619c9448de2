import { analyzeId } from '../../shared/domain/idNumber';
import { LEDGER_KINDS } from '../../shared/domain/ledgerKinds';
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

/** The evidence behind each confidence level, in the words shown to the clerk. */
export const PROBABLE_EVIDENCE: Record<string, string> = {
  '0.95': '姓名相同，证件号码前 15 位相同',
  '0.9': '姓名相同，且出生日期相同或证件号码只差一两位',
  '0.8': '姓名、户主和村都相同',
};

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

function linkPersons(db: Db): { byId: number; probable: number; unlinked: number } {
  const byId = db.prepare(`UPDATE records SET person_key = id_number, link_method = 'id', link_confidence = 1
    WHERE id_status IN ('ok', 'legacy15', 'bad_birth_date')`).run().changes;
  // The same mistyped ID in two ledgers is the same person's record, typed once and copied.
  const copied = db.prepare(`UPDATE records SET person_key = id_number, link_method = 'id', link_confidence = 1
    WHERE person_key IS NULL AND id_status IN ('checksum', 'malformed')
      AND (SELECT count(DISTINCT source_id) FROM records o WHERE o.id_number = records.id_number) > 1`).run().changes;
  // A disability card number is the holder's ID plus two digits.
  const cards = db.prepare(`UPDATE records SET person_key = substr(disability_card, 1, 18), link_method = 'id', link_confidence = 1
    WHERE person_key IS NULL AND id_number IS NULL AND length(disability_card) = 20`).run().changes;
  // Household-grain lists (housing, water) name the household by its head.
  const heads = db.prepare(`UPDATE records SET person_key = head_id, link_method = 'id', link_confidence = 1
    WHERE person_key IS NULL AND id_number IS NULL AND length(head_id) = 18`).run().changes;

  const unlinked = db.prepare(`SELECT id, name, id_number, id_status, birth_date, head_name, village FROM records
    WHERE person_key IS NULL`).all() as Unlinked[];
  const candidates = db.prepare(`SELECT DISTINCT person_key, birth_date, head_name, village FROM records
    WHERE name = ? AND link_method = 'id'`);
  const setProbable = db.prepare("UPDATE records SET person_key = ?, link_method = 'probable', link_confidence = ? WHERE id = ?");
  const setOwn = db.prepare("UPDATE records SET person_key = 'R' || id, link_method = 'none', link_confidence = 0 WHERE id = ?");
  let probable = 0;
  for (const rec of unlinked) {
    const scored = rec.name === null ? [] : (candidates.all(rec.name) as Candidate[])
      .map((c) => ({ key: c.person_key, confidence: matchConfidence(rec, c) }))
      .filter((c) => c.confidence >= PROBABLE_THRESHOLD);
    const best = Math.max(0, ...scored.map((c) => c.confidence));
    const keys = new Set(scored.filter((c) => c.confidence === best).map((c) => c.key));
    const [key] = keys;
    if (keys.size === 1 && key !== undefined) {
      setProbable.run(key, best, rec.id);
      probable++;
    } else {
      setOwn.run(rec.id);
    }
  }
  return { byId: byId + copied + cards + heads, probable, unlinked: unlinked.length - probable };
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

/** Roll ledgers without 户编号: a household is a run of consecutive rows under the same 户主 on one sheet. */
function linkHouseholdBlocks(db: Db): void {
  const rows = db.prepare(`SELECT r.id, r.source_id, r.sheet, r.head_name, r.village, r.relation, r.person_key
    FROM records r JOIN sources s ON s.id = r.source_id
    WHERE s.kind IN (${ROLL_KINDS}) AND r.household_key IS NULL ORDER BY r.id`).iterate() as IterableIterator<RollRow>;
  const householdOf = db.prepare(`SELECT r.household_key AS key, count(*) AS n FROM records r JOIN sources s ON s.id = r.source_id
    WHERE r.person_key = ? AND r.household_key IS NOT NULL AND r.household_key NOT LIKE 'B:%'
    GROUP BY r.household_key ORDER BY (s.kind = 'national') DESC, n DESC LIMIT 1`);
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
  const setKey = db.prepare('UPDATE records SET household_key = ? WHERE id = ?');
  for (const members of blocks) {
    const votes = new Map<string, number>();
    for (const m of members) {
      const h = householdOf.get(m.person_key) as { key: string } | undefined;
      if (h) votes.set(h.key, (votes.get(h.key) ?? 0) + 1);
    }
    const [winner] = [...votes].sort((a, b) => b[1] - a[1]);
    const head = members.find((m) => m.relation === '户主') ?? members[0];
    const key = winner?.[0] ?? `B:${head?.person_key ?? members[0]?.id}`;
    for (const m of members) setKey.run(key, m.id);
  }
}

/** Birth date and sex from each record's person key (an ID for linked persons), computed once per link. */
function storeIdFacts(db: Db, householdKeys: readonly string[] | null): void {
  const rows = db.prepare(`SELECT id, person_key FROM records WHERE person_key NOT LIKE 'R%'
      AND (? IS NULL OR household_key IN (SELECT value FROM json_each(?)))`)
    .raw().all(householdKeys ? 1 : null, JSON.stringify(householdKeys ?? [])) as [number, string][];
  db.prepare(`UPDATE records SET id_birth = NULL, id_sex = NULL
      WHERE ? IS NULL OR household_key IN (SELECT value FROM json_each(?))`).run(householdKeys ? 1 : null, JSON.stringify(householdKeys ?? []));
  const set = db.prepare('UPDATE records SET id_birth = ?, id_sex = ? WHERE id = ?');
  for (const [id, key] of rows) {
    const a = analyzeId(key);
    if (a.birthDate || a.sex) set.run(a.birthDate, a.sex, id);
  }
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

/** Rebuild every link from the current values. Runs in one transaction. */
export function linkRecords(db: Db): LinkSummary {
  return db.transaction((): LinkSummary => {
    db.prepare('UPDATE records SET person_key = NULL, household_key = NULL, link_method = NULL, link_confidence = NULL').run();
    const persons = linkPersons(db);
    db.prepare('UPDATE records SET household_key = household_no WHERE household_no IS NOT NULL').run();
    linkHouseholdBlocks(db);
    // Department records belong to the household their person (or, for a newborn, their head) is in.
    db.prepare(`UPDATE records SET household_key = coalesce(
        (SELECT o.household_key FROM records o JOIN sources s ON s.id = o.source_id
          WHERE o.person_key = records.person_key AND o.household_key IS NOT NULL AND s.kind IN (${ROLL_KINDS})
          ORDER BY (s.kind = 'national') DESC LIMIT 1),
        (SELECT o.household_key FROM records o JOIN sources s ON s.id = o.source_id
          WHERE o.person_key = records.head_id AND o.household_key IS NOT NULL AND s.kind IN (${ROLL_KINDS})
          ORDER BY (s.kind = 'national') DESC LIMIT 1))
      WHERE household_key IS NULL`).run();
    storeIdFacts(db, null);
    const households = (db.prepare('SELECT count(DISTINCT household_key) AS n FROM records').get() as { n: number }).n;
    return { ...persons, households };
  })();
}
