import type { Migration } from './types';

/**
 * Birth date and sex read from each linked person's ID, stored at link time so that rules compare columns instead of
 * calling back into JavaScript for every row; and an index for the per-ledger household groupings rules make.
 */
export const migration003: Migration = {
  version: 3,
  name: 'id facts',
  up: `
  ALTER TABLE records ADD COLUMN id_birth TEXT;
  ALTER TABLE records ADD COLUMN id_sex TEXT;
  CREATE INDEX records_source_household_key ON records(source_id, household_key);
  `,
};
