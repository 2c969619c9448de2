import { migration001 } from './001_initial';
import { migration002 } from './002_links_issues';
import { migration003 } from './003_id_facts';
import { migration004 } from './004_corrections_exports';
import { migration005 } from './005_id_problem_index';
import { migration006 } from './006_open_issue_indexes';
import { migration007 } from './007_link_indexes';
import { migration008 } from './008_id_disagreement_indexes';
import { migration009 } from './009_no_name_id_indexes';
import type { Migration } from './types';

/** Every migration in order; version N must be at index N-1 (a test checks it). */
export const MIGRATIONS: readonly Migration[] = [
  migration001, migration002, migration003, migration004, migration005, migration006, migration007, migration008,
  migration009,
];

export const LATEST_VERSION = MIGRATIONS.length;
