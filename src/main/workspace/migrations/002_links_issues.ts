import type { Migration } from './types';

/**
 * Linkage columns on records (derived: rebuilt by every link run), the issue list with stable keys and status
 * history, per-rule switches, and the log of check runs.
 */
export const migration002: Migration = {
  version: 2,
  name: 'links and issues',
  up: `
  ALTER TABLE records ADD COLUMN person_key TEXT;
  ALTER TABLE records ADD COLUMN household_key TEXT;
  ALTER TABLE records ADD COLUMN link_method TEXT;
  ALTER TABLE records ADD COLUMN link_confidence REAL;
  CREATE INDEX records_person ON records(person_key);
  CREATE INDEX records_household_key ON records(household_key);
  CREATE INDEX records_name ON records(name);

  CREATE TABLE issues (
    key TEXT PRIMARY KEY,
    rule TEXT NOT NULL,
    severity TEXT NOT NULL,
    level TEXT NOT NULL,
    village TEXT,
    household_key TEXT,
    person_keys TEXT NOT NULL,
    field TEXT,
    observed TEXT NOT NULL,
    records TEXT NOT NULL,
    message TEXT NOT NULL,
    status TEXT NOT NULL,
    status_reason TEXT,
    status_until TEXT,
    data_hash TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL
  ) STRICT;
  CREATE INDEX issues_rule ON issues(rule);
  CREATE INDEX issues_village ON issues(village);
  CREATE INDEX issues_status ON issues(status);
  CREATE INDEX issues_household ON issues(household_key);

  CREATE TABLE issue_history (
    id INTEGER PRIMARY KEY,
    issue_key TEXT NOT NULL,
    at TEXT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT,
    actor TEXT
  ) STRICT;
  CREATE INDEX issue_history_key ON issue_history(issue_key);

  CREATE TABLE rule_settings (
    rule TEXT PRIMARY KEY,
    enabled INTEGER NOT NULL,
    severity TEXT
  ) STRICT;

  CREATE TABLE check_runs (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    summary TEXT NOT NULL
  ) STRICT;
  `,
};
