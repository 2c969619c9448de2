import { LEDGER_KINDS } from '../../shared/domain/ledgerKinds';
import type { Finding, RuleContext } from './types';

/** SQL fragments and the grouping every rule shares: a rule is a query; this turns its rows into findings. */

/** Constant strings as the items of a SQL list (`IN (${sqlList(…)})`); for the code's own values, never user input. */
export const sqlList = (values: readonly string[]): string => values.map((v) => `'${v}'`).join(', ');

export const ROLL = sqlList(LEDGER_KINDS.filter((k) => k.roll).map((k) => k.id));
export const REC = 'records r JOIN sources s ON s.id = r.source_id';
/** Age on asOf from the ID's birth digits (null for records without a usable ID). */
export const AGE = 'age_on(r.id_birth, :asOf)';

export const KIND_LABEL: Record<string, string> = Object.fromEntries(LEDGER_KINDS.map((k) => [k.id, k.label]));

/** A query row: which entity, where it is, which record, and what that record says. */
export interface Hit {
  entity: string;
  household_key: string | null;
  village: string | null;
  record_id: number;
  kind: string;
  person_key?: string | null;
  name?: string | null;
  value?: unknown;
  /** Field of the finding when one rule reports several fields (household field differences). */
  field?: string | null;
}

export interface CollectOptions {
  field: string | null;
  level: 'person' | 'household';
  /** Name of the observed quantity when it is not a ledger's own value (e.g. 成员数). */
  extra?: (hits: Hit[]) => Record<string, unknown>;
}

/** Run a rule's query with the standard parameters (:asOf, :incomeYear and any given) and group rows by entity. */
export function collect(
  ctx: RuleContext, sql: string, params: Record<string, unknown>, options: CollectOptions, message: (hits: Hit[]) => string,
): Finding[] {
  const rows = ctx.db.prepare(sql).all({ asOf: ctx.asOf, incomeYear: ctx.incomeYear, ...params }) as Hit[];
  const groups = new Map<string, Hit[]>();
  for (const row of rows) {
    const key = `${row.entity}\u0001${row.field ?? options.field ?? ''}`;
    const list = groups.get(key);
    if (list) list.push(row);
    else groups.set(key, [row]);
  }
  return [...groups.values()].map((hits): Finding => {
    // In record order, whatever plan the query ran with: the message, the observed values and so the hash that keeps a
    // 核实无误 closed must not change when an index does.
    hits.sort((a, b) => a.record_id - b.record_id);
    const first = hits[0] as Hit;
    const observed: Record<string, unknown> = {};
    for (const h of hits) if (h.value !== undefined) observed[h.kind] = h.value;
    const personKeys = options.level === 'person'
      ? [first.entity]
      : [...new Set(hits.map((h) => h.person_key).filter((k): k is string => typeof k === 'string'))];
    return {
      entity: first.entity,
      field: first.field ?? options.field,
      village: hits.find((h) => h.village)?.village ?? null,
      householdKey: hits.find((h) => h.household_key)?.household_key ?? (options.level === 'household' ? first.entity : null),
      personKeys,
      recordIds: [...new Set(hits.map((h) => h.record_id))],
      observed: { ...observed, ...options.extra?.(hits) },
      message: message(hits),
    };
  });
}

/** A ledger kind's Chinese label, for messages. */
export const ledger = (kind: string): string => KIND_LABEL[kind] ?? kind;
