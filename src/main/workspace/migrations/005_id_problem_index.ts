import type { Migration } from './types';

/**
 * The few records whose ID is not clean, indexed: identity rules look each status up instead of scanning every record
 * (0.6–0.7 s a rule on a county). Partial, so that the planner cannot take it for the queries over clean IDs, which
 * match nearly every record; a query uses it by repeating the index's WHERE term.
 */
export const migration005: Migration = {
  version: 5,
  name: 'id problem index',
  up: `
  CREATE INDEX records_id_problem ON records(id_status) WHERE id_status <> 'ok';
  `,
};

/** The WHERE term of records_id_problem: a query that states it can use the index. */
export const ID_PROBLEM = "id_status <> 'ok'";
