import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { FIELD_KEYS } from '../../../src/shared/domain/fields';
import { UserError } from '../../../src/main/errors';
import { LATEST_VERSION, MIGRATIONS } from '../../../src/main/workspace/migrations';
import { openWorkspace, PAGE_SIZE } from '../../../src/main/workspace/workspace';
import { tempDir } from '../../helpers';

describe('workspace', () => {
  it('lists migrations in order, version N at index N-1', () => {
    MIGRATIONS.forEach((m, i) => expect(m.version).toBe(i + 1));
    expect(LATEST_VERSION).toBe(MIGRATIONS.length);
  });

  it('migration 0 → 1 creates the tables, with a column for every canonical field', () => {
    const db = openWorkspace(path.join(tempDir(), 'a.db'), { create: true, targetVersion: 1 });
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    const columns = (db.prepare('PRAGMA table_info(records)').all() as { name: string }[]).map((c) => c.name);
    for (const key of FIELD_KEYS) expect(columns).toContain(key);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['settings', 'sources', 'records', 'mapping_templates']));
    db.close();
  });

  it('opens with WAL and foreign keys on', () => {
    const db = openWorkspace(path.join(tempDir(), 'a.db'), { create: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('creates a workspace, and every temporary table, with large pages; an older file keeps its own page size', () => {
    const dir = tempDir();
    const db = openWorkspace(path.join(dir, 'a.db'), { create: true });
    db.exec('CREATE TEMP TABLE t (a)');
    expect([db.pragma('page_size', { simple: true }), db.pragma('temp.page_size', { simple: true })]).toEqual([PAGE_SIZE, PAGE_SIZE]);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(2 ** 30 / PAGE_SIZE);
    db.close();
    const file = path.join(dir, 'old.db');
    const raw = new Database(file);
    raw.exec('CREATE TABLE t (a)');
    raw.close();
    const old = openWorkspace(file);
    expect([old.pragma('page_size', { simple: true }), old.pragma('wal_autocheckpoint', { simple: true })]).toEqual([4096, 2 ** 30 / 4096]);
    old.close();
  });

  it('refuses a workspace made by a newer version, with a Chinese message', () => {
    const file = path.join(tempDir(), 'new.db');
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST_VERSION + 1}`);
    raw.close();
    expect(() => openWorkspace(file)).toThrow(/更新版本.*请升级/);
  });

  it('reports a file that is not a workspace, and a missing file', () => {
    const dir = tempDir();
    const junk = path.join(dir, 'junk.db');
    fs.writeFileSync(junk, 'this is not sqlite'.repeat(300));
    expect(() => openWorkspace(junk)).toThrow(UserError);
    expect(() => openWorkspace(junk)).toThrow(/已损坏或不是对账工作区/);
    expect(() => openWorkspace(path.join(dir, 'none.db'))).toThrow(/找不到工作区文件/);
  });

  it('never lets the imported cells change', () => {
    const db = openWorkspace(path.join(tempDir(), 'a.db'), { create: true });
    db.prepare(`INSERT INTO sources (kind, file_name, sha256, format, encoding, sheets, columns, row_count, skipped, imported_at)
      VALUES ('card', 'a.xlsx', 'x', 'xlsx', NULL, '[]', '[]', 1, '[]', 'now')`).run();
    db.prepare("INSERT INTO records (source_id, sheet, row_number, raw, id_status, name) VALUES (1, 'S', 2, '[\"王芳\"]', 'missing', '王芳')").run();
    expect(() => db.prepare("UPDATE records SET raw = '[]' WHERE id = 1").run()).toThrow(/immutable/);
    db.prepare("UPDATE records SET name = '王芬' WHERE id = 1").run();
    db.close();
  });
});
