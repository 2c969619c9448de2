import { UNKNOWN_VILLAGE } from '../../shared/domain/fields';
import { READINESS_ITEMS, VISIT_ITEMS, type ReadinessItem, type ReadinessState } from '../../shared/domain/readiness';
import { RULE_FAMILIES, type RuleFamily, type Severity } from '../../shared/domain/rules';
import { RULE_BY_ID } from '../rules/registry';
import type { Db } from '../workspace/workspace';
import { listHouseholds } from './households';

export interface HouseholdReadiness {
  key: string;
  village: string;
  group: string;
  householdNo: string;
  headName: string;
  size: number | null;
  items: Record<ReadinessItem, ReadinessState>;
  openErrors: number;
  openWarnings: number;
}

export interface VillageReadiness {
  village: string;
  households: number;
  /** Share of households passing each item, 0–1, among those with data; null when none has data. */
  passRate: Record<ReadinessItem, number | null>;
  openByFamily: { family: RuleFamily; severity: Severity; count: number }[];
  helpers: string[];
  lastVerification: string | null;
}

export interface Readiness {
  households: HouseholdReadiness[];
  villages: VillageReadiness[];
}

/** Rules of an item that cannot have run: switched off, or a ledger they need was not imported. */
function itemKnown(db: Db): Record<ReadinessItem, boolean> {
  const kinds = new Set((db.prepare('SELECT DISTINCT kind FROM sources').all() as { kind: string }[]).map((r) => r.kind));
  const off = new Set((db.prepare('SELECT rule FROM rule_settings WHERE enabled = 0').all() as { rule: string }[]).map((r) => r.rule));
  const known = {} as Record<ReadinessItem, boolean>;
  for (const item of READINESS_ITEMS) {
    known[item.id] = item.rules.every((id) => !off.has(id) && (RULE_BY_ID.get(id)?.needs ?? []).every((k) => kinds.has(k)));
  }
  return known;
}

/**
 * Each household's readiness: an item fails while an issue of its rules is open (or deferred) for the household; it is
 * unknown when those rules could not run. 不愁吃/不愁穿 come only from a home visit (re-imported verification sheets).
 */
export function computeReadiness(db: Db, village: string | null = null): Readiness {
  const known = itemKnown(db);
  const ruleItem = new Map<string, ReadinessItem>(READINESS_ITEMS.flatMap((i) => i.rules.map((r) => [r, i.id] as [string, ReadinessItem])));
  const open = db.prepare(`SELECT household_key AS k, rule, severity FROM issues WHERE status IN ('open', 'deferred') AND household_key IS NOT NULL
      AND (? IS NULL OR village = ?)`).all(village, village) as { k: string; rule: string; severity: Severity }[];
  const failed = new Map<string, Set<ReadinessItem>>();
  const counts = new Map<string, { error: number; warning: number }>();
  for (const o of open) {
    const item = ruleItem.get(o.rule);
    if (item) failed.set(o.k, (failed.get(o.k) ?? new Set()).add(item));
    const c = counts.get(o.k) ?? { error: 0, warning: 0 };
    if (o.severity === 'error') c.error++;
    if (o.severity === 'warning') c.warning++;
    counts.set(o.k, c);
  }
  const visits = new Map<string, string>();
  for (const v of db.prepare(`SELECT household_key AS k, item, result FROM verifications ORDER BY id`).all() as { k: string; item: string; result: string }[]) {
    visits.set(`${v.k}|${v.item}`, v.result);
  }
  const households = listHouseholds(db, { village }).map((h): HouseholdReadiness => {
    const items = {} as Record<ReadinessItem, ReadinessState>;
    for (const item of READINESS_ITEMS) {
      if (VISIT_ITEMS.includes(item.id)) {
        const result = visits.get(`${h.key}|${item.label}`);
        items[item.id] = result === undefined ? 'unknown' : result === '是' ? 'ok' : 'fail';
      } else if (failed.get(h.key)?.has(item.id)) {
        items[item.id] = 'fail';
      } else if (item.id === 'income' && h.value('income_per_capita') === null) {
        items[item.id] = 'fail';
      } else {
        items[item.id] = known[item.id] ? 'ok' : 'unknown';
      }
    }
    const c = counts.get(h.key);
    return {
      key: h.key, village: h.village, group: h.group, householdNo: h.householdNo, headName: h.headName, size: h.value('household_size'),
      items, openErrors: c?.error ?? 0, openWarnings: c?.warning ?? 0,
    };
  });
  return { households, villages: villageSummaries(db, households, village) };
}

function villageSummaries(db: Db, households: readonly HouseholdReadiness[], village: string | null): VillageReadiness[] {
  const byVillage = new Map<string, HouseholdReadiness[]>();
  for (const h of households) {
    const list = byVillage.get(h.village);
    if (list) list.push(h);
    else byVillage.set(h.village, [h]);
  }
  const families = db.prepare(`SELECT coalesce(village, ?) AS village, substr(rule, 1, instr(rule, '.') - 1) AS family, severity,
      count(*) AS count FROM issues WHERE status IN ('open', 'deferred') AND (? IS NULL OR village = ?) GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`)
    .all(UNKNOWN_VILLAGE, village, village) as { village: string; family: string; severity: Severity; count: number }[];
  const helpers = db.prepare(`SELECT coalesce(village, ?) AS village, group_concat(DISTINCT helper_name) AS names FROM records
      WHERE helper_name IS NOT NULL GROUP BY 1`).all(UNKNOWN_VILLAGE) as { village: string; names: string }[];
  const visits = db.prepare(`SELECT h.village, max(v.at) AS at FROM verifications v
      JOIN (SELECT household_key, max(village) AS village FROM records GROUP BY household_key) h ON h.household_key = v.household_key GROUP BY 1`)
    .all() as { village: string; at: string }[];
  return [...byVillage].map(([name, list]) => {
    const passRate = {} as Record<ReadinessItem, number | null>;
    for (const item of READINESS_ITEMS) {
      const known = list.filter((h) => h.items[item.id] !== 'unknown');
      passRate[item.id] = known.length === 0 ? null : known.filter((h) => h.items[item.id] === 'ok').length / known.length;
    }
    return {
      village: name, households: list.length, passRate,
      openByFamily: families.filter((f) => f.village === name && Object.hasOwn(RULE_FAMILIES, f.family))
        .map((f) => ({ family: f.family as RuleFamily, severity: f.severity, count: f.count })),
      helpers: (helpers.find((h) => h.village === name)?.names ?? '').split(',').filter((n) => n !== '').sort(),
      lastVerification: visits.find((v) => v.village === name)?.at.slice(0, 10) ?? null,
    };
  });
}
