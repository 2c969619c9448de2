import type { Migration } from './types';

/**
 * No index over records' names or ID numbers: inserting a county's records in file order put each name and ID at a
 * random place in both, and writing the pages that touched back at each file's commit was 36 s of the 50 s SQLite
 * spent storing 2.1 M records (measured). Only the full link looked records up by them; it now reads what it needs in
 * one pass (linkRecords.ts).
 */
export const migration009: Migration = {
  version: 9,
  name: 'no name and ID indexes',
  up: `
  DROP INDEX IF EXISTS records_name;
  DROP INDEX IF EXISTS records_id_number;
  `,
};
