import { UNKNOWN_VILLAGE } from '../../shared/domain/fields';
import { ROLL } from '../rules/query';
import type { Db } from '../workspace/workspace';

/** Households as the exports present them: the national export's rows where it has the household, else a roll ledger's. */

export interface MemberRow {
  id: number;
  kind: string;
  household_key: string;
  village: string | null;
  village_group: string | null;
  town: string | null;
  household_no: string | null;
  head_name: string | null;
  head_id: string | null;
  name: string | null;
  id_number: string | null;
  person_key: string | null;
  sex: string | null;
  relation: string | null;
  health: string | null;
  labour: string | null;
  student_status: string | null;
  work_status: string | null;
  med_basic: number | null;
  household_size: number | null;
  poverty_attr: string | null;
  exit_flag: string | null;
  exit_year: number | null;
  first_year: number | null;
  poverty_cause: string | null;
  monitor_category: string | null;
  risk_type: string | null;
  identified_at: string | null;
  income_total: number | null;
  income_per_capita: number | null;
  income_wage: number | null;
  income_business: number | null;
  income_property: number | null;
  income_transfer: number | null;
  expense_business: number | null;
  dangerous_house: number | null;
  water_safe: number | null;
  helper_name: string | null;
}

export interface Household {
  key: string;
  village: string;
  group: string;
  town: string;
  householdNo: string;
  headName: string;
  headId: string;
  members: MemberRow[];
  /** The first non-empty value of a household field over the member rows. */
  value<K extends keyof MemberRow>(field: K): MemberRow[K];
}

const RANK = `CASE s.kind WHEN 'national' THEN 0 WHEN 'card' THEN 1 WHEN 'village' THEN 2 ELSE 3 END`;
const MEMBER_COLUMNS = `r.id, s.kind, r.household_key, r.village, r.village_group, r.town, r.household_no, r.head_name, r.head_id, r.name,
  r.id_number, r.person_key, r.sex, r.relation, r.health, r.labour, r.student_status, r.work_status, r.med_basic, r.household_size,
  r.poverty_attr, r.exit_flag, r.exit_year, r.first_year, r.poverty_cause, r.monitor_category, r.risk_type, r.identified_at,
  r.income_total, r.income_per_capita, r.income_wage, r.income_business, r.income_property, r.income_transfer, r.expense_business,
  r.dangerous_house, r.water_safe, r.helper_name`;

/** Every household (of one village, or of some households), members in ledger order, households by village and number. */
export function listHouseholds(db: Db, filter: { village?: string | null; keys?: readonly string[] } = {}): Household[] {
  const rows = db.prepare(`WITH pick AS (
      SELECT r.household_key, min(${RANK}) AS rank FROM records r JOIN sources s ON s.id = r.source_id
      WHERE s.kind IN (${ROLL}) AND r.household_key IS NOT NULL GROUP BY r.household_key)
    SELECT ${MEMBER_COLUMNS} FROM records r JOIN sources s ON s.id = r.source_id JOIN pick p ON p.household_key = r.household_key AND ${RANK} = p.rank
    WHERE s.kind IN (${ROLL}) AND (:village IS NULL OR r.village = :village)
      AND (:keys IS NULL OR r.household_key IN (SELECT value FROM json_each(:keys)))
    ORDER BY r.village, r.household_key, r.source_id, r.row_number`)
    .all({ village: filter.village ?? null, keys: filter.keys ? JSON.stringify(filter.keys) : null }) as MemberRow[];
  const byKey = new Map<string, MemberRow[]>();
  for (const r of rows) {
    const list = byKey.get(r.household_key);
    if (list) list.push(r);
    else byKey.set(r.household_key, [r]);
  }
  return [...byKey].map(([key, members]) => {
    const value = <K extends keyof MemberRow>(field: K): MemberRow[K] => (members.find((m) => m[field] !== null) ?? members[0])?.[field] as MemberRow[K];
    const head = members.find((m) => m.relation === '户主');
    return {
      key, members, value,
      village: value('village') ?? UNKNOWN_VILLAGE, group: value('village_group') ?? '', town: value('town') ?? '',
      householdNo: value('household_no') ?? '', headName: head?.name ?? value('head_name') ?? '', headId: head?.id_number ?? value('head_id') ?? '',
    };
  });
}
