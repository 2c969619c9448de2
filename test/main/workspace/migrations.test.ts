import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPEN_BY_RULE_SQL, OPEN_BY_VILLAGE_SQL } from '../../../src/main/rules/engine';
import { BIRTH_DISAGREES, SEX_DISAGREES } from '../../../src/main/workspace/migrations/008_id_disagreement_indexes';
import { openWorkspace } from '../../../src/main/workspace/workspace';
import { tempDir } from '../../helpers';

const columnsOf = (db: ReturnType<typeof openWorkspace>, table: string) =>
  (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);

/** A workspace at version N−1 with data in it, migrated to N: the data survive and the new schema is there. */
function migrateFrom(version: number) {
  const file = path.join(tempDir(), 'ws.db');
  const old = openWorkspace(file, { create: true, targetVersion: version });
  old.prepare(`INSERT INTO sources (kind, file_name, sha256, format, encoding, sheets, columns, row_count, skipped, imported_at)
    VALUES ('national', 'n.xlsx', 'x', 'xlsx', NULL, '[]', '[]', 1, '[]', '2026-01-01')`).run();
  old.prepare("INSERT INTO records (source_id, sheet, row_number, raw, id_status, name, id_number) VALUES (1, 'S', 2, '[]', 'ok', '王芳', '11010519491231002X')").run();
  old.close();
  const db = openWorkspace(file, { targetVersion: version + 1 });
  expect(db.pragma('user_version', { simple: true })).toBe(version + 1);
  expect(db.prepare('SELECT name, id_number FROM records').get()).toEqual({ name: '王芳', id_number: '11010519491231002X' });
  return db;
}

describe('migrations N−1 → N', () => {
  it('1 → 2 adds the link columns and the issue tables', () => {
    const db = migrateFrom(1);
    expect(columnsOf(db, 'records')).toEqual(expect.arrayContaining(['person_key', 'household_key', 'link_method', 'link_confidence']));
    expect(columnsOf(db, 'issues')).toEqual(expect.arrayContaining(['key', 'rule', 'status', 'data_hash']));
    expect(columnsOf(db, 'rule_settings')).toEqual(['rule', 'enabled', 'severity']);
    db.close();
  });

  it('2 → 3 adds the ID facts and keeps the links', () => {
    const file = path.join(tempDir(), 'ws.db');
    const old = openWorkspace(file, { create: true, targetVersion: 2 });
    old.prepare(`INSERT INTO sources (kind, file_name, sha256, format, encoding, sheets, columns, row_count, skipped, imported_at)
      VALUES ('national', 'n.xlsx', 'x', 'xlsx', NULL, '[]', '[]', 1, '[]', '2026-01-01')`).run();
    old.prepare("INSERT INTO records (source_id, sheet, row_number, raw, id_status, person_key) VALUES (1, 'S', 2, '[]', 'ok', 'P1')").run();
    old.close();
    const db = openWorkspace(file, { targetVersion: 3 });
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    expect(columnsOf(db, 'records')).toEqual(expect.arrayContaining(['id_birth', 'id_sex']));
    expect(db.prepare('SELECT person_key FROM records').get()).toEqual({ person_key: 'P1' });
    db.close();
  });

  it('3 → 4 adds the correction log, the 整改台账 columns and the export log, and keeps records', () => {
    const db = migrateFrom(3);
    expect(columnsOf(db, 'corrections')).toEqual(expect.arrayContaining(['batch_id', 'record_id', 'field', 'old_value', 'new_value']));
    expect(columnsOf(db, 'issues')).toEqual(expect.arrayContaining(['measure', 'owner', 'due']));
    expect(columnsOf(db, 'exports')).toEqual(expect.arrayContaining(['what', 'files', 'full_ids']));
    expect(columnsOf(db, 'verifications')).toEqual(expect.arrayContaining(['household_key', 'item', 'result']));
    db.close();
  });

  it('4 → 5 indexes the records whose ID is not clean, and the identity rules look them up through it', () => {
    const db = migrateFrom(4);
    const index = db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'records_id_problem'").get() as { sql: string } | undefined;
    expect(index?.sql).toMatch(/WHERE id_status <> 'ok'/);
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT id FROM records r WHERE r.id_status <> 'ok' AND r.id_status = ?").all('checksum') as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/records_id_problem/);
    db.close();
  });

  it('5 → 6 indexes the open issues, and the counts by family and by village read those indexes alone', () => {
    const db = migrateFrom(5);
    const plans = [OPEN_BY_RULE_SQL, OPEN_BY_VILLAGE_SQL].map((sql) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((p) => p.detail).join(' '));
    expect(plans[0]).toMatch(/COVERING INDEX issues_open_rule/);
    expect(plans[1]).toMatch(/COVERING INDEX issues_open_village/);
    db.close();
  });

  it('6 → 7 keeps one index over the household key, and counts a person\'s records in a ledger from the person index alone', () => {
    const db = migrateFrom(6);
    const indexes = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'records' AND sql LIKE '%household_key%'").pluck().all();
    expect(indexes).toEqual(['records_household_key']);
    const planOf = (sql: string, params: Record<string, unknown> = {}) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((p) => p.detail).join(' ');
    for (const sql of ['SELECT id FROM records WHERE household_key = :h', 'SELECT id FROM records WHERE source_id = :s AND household_key = :h']) {
      expect(planOf(sql, { s: 1, h: '1' })).toMatch(/USING (COVERING )?INDEX records_household_key/);
    }
    const duplicates = planOf("SELECT person_key, source_id FROM records WHERE link_method = 'id' GROUP BY person_key, source_id HAVING count(*) > 1");
    expect(duplicates).toMatch(/COVERING INDEX records_person/);
    expect(duplicates).not.toMatch(/TEMP B-TREE/);
    db.close();
  });

  it('7 → 8 indexes the records whose sex or birth date disagrees with the ID, and their rules look them up through it', () => {
    const db = migrateFrom(7);
    const planOf = (where: string) => (db.prepare(`EXPLAIN QUERY PLAN SELECT r.id, s.kind FROM records r JOIN sources s ON s.id = r.source_id
      WHERE r.id_status IN ('ok', 'legacy15') AND ${where}`).all() as { detail: string }[]).map((p) => p.detail).join(' ');
    expect(planOf(`r.sex IN ('男', '女') AND ${SEX_DISAGREES}`)).toMatch(/INDEX records_sex_disagrees/);
    expect(planOf(`r.birth_date GLOB '[12]*' AND ${BIRTH_DISAGREES}`)).toMatch(/INDEX records_birth_disagrees/);
    db.close();
  });

  it('8 → 9 drops the indexes over names and ID numbers, which every imported record updated at a random place', () => {
    const db = migrateFrom(8);
    const indexes = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'records'").pluck().all();
    expect(indexes).not.toContain('records_name');
    expect(indexes).not.toContain('records_id_number');
    expect(indexes).toContain('records_id_problem');
    db.close();
  });
});
