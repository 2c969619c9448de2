import type { LedgerKindId } from '../../shared/domain/ledgerKinds';
import type { RuleMeta } from '../../shared/domain/rules';
import type { Settings } from '../settings/settings';
import type { Db } from '../workspace/workspace';
import type { CheckTable, SharedRoll } from './checkTables';

export interface RuleContext {
  db: Db;
  settings: Settings;
  /** YYYY-MM-DD: the date ages and deadlines are computed on. */
  asOf: string;
  /** Income year of the data (the year before asOf). */
  incomeYear: number;
  /** The check tables built on this connection so far (checkTables.ts). */
  tables: Set<CheckTable>;
  /** The roll both threads of a check read, when it runs on two (checkTables.ts). */
  sharedRoll?: SharedRoll;
}

/** One thing a rule found. The engine turns it into an issue keyed by rule + entity + field. */
export interface Finding {
  /** The person key (person-level rules) or household key (household-level rules) the finding is about. */
  entity: string;
  field: string | null;
  village: string | null;
  householdKey: string | null;
  personKeys: string[];
  recordIds: number[];
  /** The value in each ledger, by ledger kind (or a named quantity such as 成员数). */
  observed: Record<string, unknown>;
  /** A sentence a clerk understands without the manual. */
  message: string;
}

/** Data for a rule's table of cases: ledgers as rows of canonical values, and what the rule must find. */
export interface RuleCase {
  name: string;
  ledgers: Partial<Record<LedgerKindId, Record<string, string | number | null>[]>>;
  settings?: Partial<Settings>;
  /** Entities (person keys / household keys) the rule must report, in any order; [] = silent. */
  expect: string[];
}

export interface Rule extends RuleMeta {
  /** The check tables a check of this rule builds (checkTables.ts): a thread builds only those of the rules it runs. */
  tables: readonly CheckTable[];
  check(ctx: RuleContext): Finding[];
  cases: readonly RuleCase[];
}
