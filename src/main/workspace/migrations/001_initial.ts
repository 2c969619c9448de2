import type { Migration } from './types';

/**
 * Sources, records and mapping templates. records.raw holds the cells exactly as read and never changes (a trigger
 * enforces it); the canonical columns hold the normalised current values. Frozen: later fields come in new migrations.
 */
export const migration001: Migration = {
  version: 1,
  name: 'initial',
  up: `
  CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) STRICT;

  CREATE TABLE sources (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    file_name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    format TEXT NOT NULL,
    encoding TEXT,
    sheets TEXT NOT NULL,
    columns TEXT NOT NULL,
    row_count INTEGER NOT NULL,
    skipped TEXT NOT NULL,
    imported_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX sources_kind ON sources(kind);

  CREATE TABLE records (
    id INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    sheet TEXT NOT NULL,
    row_number INTEGER NOT NULL,
    raw TEXT NOT NULL,
    id_status TEXT NOT NULL,
    seq TEXT,
    town TEXT,
    village TEXT,
    village_group TEXT,
    household_no TEXT,
    person_no TEXT,
    head_name TEXT,
    head_id TEXT,
    name TEXT,
    id_number TEXT,
    sex TEXT,
    birth_date TEXT,
    ethnicity TEXT,
    relation TEXT,
    student_status TEXT,
    health TEXT,
    labour TEXT,
    work_status TEXT,
    work_months INTEGER,
    work_place TEXT,
    public_post_type TEXT,
    public_post_months INTEGER,
    med_basic INTEGER,
    med_employee INTEGER,
    med_serious INTEGER,
    pension INTEGER,
    dibao INTEGER,
    tekun INTEGER,
    phone TEXT,
    household_size INTEGER,
    poverty_attr TEXT,
    exit_flag TEXT,
    exit_year INTEGER,
    first_year INTEGER,
    poverty_cause TEXT,
    income_total REAL,
    income_per_capita REAL,
    income_wage REAL,
    income_business REAL,
    income_property REAL,
    income_transfer REAL,
    expense_business REAL,
    dangerous_house INTEGER,
    house_grade TEXT,
    water_safe INTEGER,
    helper_name TEXT,
    helper_phone TEXT,
    household_type TEXT,
    monitor_category TEXT,
    risk_type TEXT,
    risk_eliminated INTEGER,
    identified_at TEXT,
    eliminated_at TEXT,
    measures TEXT,
    industry_link TEXT,
    cancel_type TEXT,
    cancel_date TEXT,
    assist_type TEXT,
    assist_count INTEGER,
    disability_card TEXT,
    insured_status TEXT,
    insurance_type TEXT,
    school TEXT,
    grade_level TEXT,
    enrol_status TEXT,
    enrol_exception TEXT,
    renovation_status TEXT,
    water_source TEXT,
    post_type TEXT,
    post_months INTEGER,
    hire_year INTEGER,
    wage REAL,
    fourtype_category TEXT
  ) STRICT;
  CREATE INDEX records_source ON records(source_id);
  CREATE INDEX records_id_number ON records(id_number);
  CREATE INDEX records_household ON records(source_id, household_no);

  CREATE TRIGGER records_imported_cells_immutable
  BEFORE UPDATE OF source_id, sheet, row_number, raw ON records
  BEGIN
    SELECT RAISE(ABORT, 'imported cells are immutable');
  END;

  CREATE TABLE mapping_templates (
    signature TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    columns TEXT NOT NULL,
    saved_at TEXT NOT NULL
  ) STRICT;
  `,
};
