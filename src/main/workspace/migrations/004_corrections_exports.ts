import type { Migration } from './types';

/**
 * The append-only correction log (one row per changed cell; a batch is one clerk action and the unit of undo/redo),
 * the 整改台账 columns of an issue, field verification results, and the log of every export of personal data.
 * A correction keeps the file/sheet/row it touched so the log stays readable after the ledger is re-imported.
 */
export const migration004: Migration = {
  version: 4,
  name: 'corrections and exports',
  up: `
  CREATE TABLE correction_batches (
    id INTEGER PRIMARY KEY,
    action TEXT NOT NULL CHECK (action IN ('edit', 'undo', 'redo')),
    target INTEGER REFERENCES correction_batches(id),
    reason TEXT NOT NULL,
    note TEXT,
    actor TEXT NOT NULL,
    at TEXT NOT NULL
  ) STRICT;

  CREATE TABLE corrections (
    id INTEGER PRIMARY KEY,
    batch_id INTEGER NOT NULL REFERENCES correction_batches(id),
    record_id INTEGER REFERENCES records(id) ON DELETE SET NULL,
    source_kind TEXT NOT NULL,
    file_name TEXT NOT NULL,
    sheet TEXT NOT NULL,
    row_number INTEGER NOT NULL,
    person_name TEXT,
    field TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT,
    old_text TEXT NOT NULL,
    new_text TEXT NOT NULL,
    issue_key TEXT
  ) STRICT;
  CREATE INDEX corrections_record ON corrections(record_id, field);
  CREATE INDEX corrections_batch ON corrections(batch_id);

  CREATE TRIGGER corrections_append_only_update BEFORE UPDATE OF batch_id, field, old_value, new_value, old_text, new_text ON corrections
  BEGIN SELECT RAISE(ABORT, 'the correction log is append-only'); END;
  CREATE TRIGGER corrections_append_only_delete BEFORE DELETE ON corrections
  BEGIN SELECT RAISE(ABORT, 'the correction log is append-only'); END;

  ALTER TABLE issues ADD COLUMN measure TEXT;
  ALTER TABLE issues ADD COLUMN owner TEXT;
  ALTER TABLE issues ADD COLUMN due TEXT;

  CREATE TABLE verifications (
    id INTEGER PRIMARY KEY,
    household_key TEXT NOT NULL,
    item TEXT NOT NULL,
    result TEXT NOT NULL,
    note TEXT,
    file_name TEXT NOT NULL,
    actor TEXT NOT NULL,
    at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX verifications_household ON verifications(household_key, item);

  CREATE TABLE exports (
    id INTEGER PRIMARY KEY,
    what TEXT NOT NULL,
    options TEXT NOT NULL,
    files TEXT NOT NULL,
    full_ids INTEGER NOT NULL,
    rows INTEGER NOT NULL,
    actor TEXT NOT NULL,
    at TEXT NOT NULL
  ) STRICT;
  `,
};
