import type { LedgerKindId } from '../../shared/domain/ledgerKinds';
import { RANGER_WAGE, type SampleHousehold, type SamplePerson, type SampleTownship } from './reality';

export type Cell = string | number | null;

/** One row of a ledger as canonical values, with the person and household it describes in reality. */
export interface LedgerRow {
  values: Record<string, Cell>;
  personId: string | null;
  householdNo: string | null;
  village: string;
}

export const ROLL_KINDS = ['national', 'card', 'village', 'township'] as const;
export type RollKind = (typeof ROLL_KINDS)[number];
export type DeptKind = Exclude<LedgerKindId, RollKind>;

export interface LedgerViews {
  /** Roll ledgers grouped by household number, in township order. */
  roll: Record<RollKind, Map<string, LedgerRow[]>>;
  dept: Record<DeptKind, LedgerRow[]>;
}

const FIELDS_BY_ROLL: Record<RollKind, readonly string[]> = {
  national: [
    'town', 'village', 'village_group', 'household_no', 'person_no', 'name', 'id_number', 'sex', 'ethnicity', 'relation',
    'student_status', 'health', 'labour', 'work_status', 'work_months', 'public_post_type', 'public_post_months',
    'med_basic', 'med_serious', 'pension', 'dibao', 'tekun', 'household_size', 'poverty_attr', 'exit_flag', 'exit_year',
    'first_year', 'poverty_cause', 'income_total', 'income_per_capita', 'income_wage', 'income_business',
    'income_property', 'income_transfer', 'expense_business', 'dangerous_house', 'water_safe', 'helper_name',
    'helper_phone', 'household_type', 'monitor_category', 'risk_type', 'risk_eliminated', 'identified_at',
    'eliminated_at', 'measures',
  ],
  card: ['village', 'village_group', 'head_name', 'household_size', 'poverty_attr', 'exit_year', 'income_per_capita',
    'helper_name', 'helper_phone', 'name', 'id_number', 'sex', 'birth_date', 'relation', 'health', 'labour'],
  village: ['village', 'village_group', 'head_name', 'name', 'id_number', 'relation', 'household_size', 'poverty_attr',
    'exit_flag', 'exit_year', 'income_per_capita', 'helper_name'],
  township: ['village', 'village_group', 'household_no', 'head_name', 'head_id', 'name', 'id_number', 'sex', 'relation',
    'household_size', 'poverty_attr', 'exit_flag', 'exit_year', 'income_per_capita', 'helper_name'],
};


/** Every canonical value reality holds for one member row. */
export function personValues(t: SampleTownship, h: SampleHousehold, p: SamplePerson, index: number): Record<string, Cell> {
  const head = h.members[0] as SamplePerson;
  return {
    town: t.town, village: h.village, village_group: h.group, household_no: h.no,
    person_no: `${h.no}${String(index + 1).padStart(2, '0')}`, name: p.name, id_number: p.id, sex: p.sex, birth_date: p.birth,
    ethnicity: p.ethnicity, relation: p.relation, student_status: p.student, health: p.health, labour: p.labour,
    work_status: p.workStatus, work_months: p.workMonths, public_post_type: p.publicPost,
    public_post_months: p.publicPost ? 12 : null, med_basic: p.medBasic, med_serious: p.medBasic, pension: p.pension,
    dibao: p.dibao, tekun: p.tekun, head_name: head.name, head_id: head.id, household_size: h.members.length,
    poverty_attr: h.attr, exit_flag: h.exitFlag, exit_year: h.exitYear, first_year: h.firstYear, poverty_cause: h.cause,
    income_total: h.incomeTotal, income_per_capita: h.incomePerCapita, income_wage: h.incomeWage,
    income_business: h.incomeBusiness, income_property: h.incomeProperty, income_transfer: h.incomeTransfer,
    expense_business: h.expenseBusiness, dangerous_house: 0, water_safe: 1, helper_name: h.helperName,
    helper_phone: h.helperPhone, household_type: h.householdType, monitor_category: h.monitorCategory,
    risk_type: h.riskType, risk_eliminated: h.riskEliminated, identified_at: h.identifiedAt,
    eliminated_at: h.eliminatedAt, measures: h.measures,
  };
}

export function rollRow(t: SampleTownship, kind: RollKind, h: SampleHousehold, p: SamplePerson, index: number): LedgerRow {
  const all = personValues(t, h, p, index);
  const values: Record<string, Cell> = {};
  for (const f of FIELDS_BY_ROLL[kind]) values[f] = all[f] ?? null;
  return { values, personId: p.id, householdNo: h.no, village: h.village };
}

const deptRow = (h: SampleHousehold, p: SamplePerson | null, values: Record<string, Cell>): LedgerRow => ({
  values, personId: p?.id ?? null, householdNo: h.no, village: h.village,
});

export function buildViews(t: SampleTownship): LedgerViews {
  const roll = Object.fromEntries(ROLL_KINDS.map((k) => [k, new Map<string, LedgerRow[]>()])) as LedgerViews['roll'];
  const dept: LedgerViews['dept'] = {
    police: [], civil: [], disability: [], medical: [], education: [], housing: [], water: [], labor: [], forestry: [], fourtypes: [],
  };
  for (const h of t.households) {
    for (const kind of ROLL_KINDS) roll[kind].set(h.no, h.members.map((p, i) => rollRow(t, kind, h, p, i)));
    const head = h.members[0] as SamplePerson;
    if (h.attr !== '一般贫困户') {
      dept.civil.push(deptRow(h, head, {
        name: head.name, id_number: head.id, assist_type: h.attr === '低保贫困户' ? '低保' : '特困',
        assist_count: h.members.length, village: h.village,
      }));
    }
    if (h.houseGrade === 'C' || h.houseGrade === 'D' || h.no.endsWith('7')) {
      dept.housing.push(deptRow(h, head, {
        head_name: head.name, head_id: head.id, house_grade: h.houseGrade,
        renovation_status: h.renovation ?? '无需改造', village: h.village,
      }));
    }
    dept.water.push(deptRow(h, head, { head_name: head.name, head_id: head.id, water_safe: 1, water_source: h.waterSource, village: h.village }));
    for (const p of h.members) {
      dept.medical.push(deptRow(h, p, { name: p.name, id_number: p.id, insured_status: '正常参保', insurance_type: '城乡居民基本医疗保险' }));
      if (p.student && p.age >= 6 && p.age <= 17) {
        dept.education.push(deptRow(h, p, {
          name: p.name, id_number: p.id, school: p.age <= 14 ? `${h.village.replace('村', '')}中心学校` : '示范县第一中学',
          grade_level: p.student, enrol_status: '在读',
        }));
      }
      if (p.health.includes('残疾')) {
        dept.disability.push(deptRow(h, p, { name: p.name, disability_card: `${p.id}${(p.id.charCodeAt(5) % 7) + 1}${(p.id.charCodeAt(4) % 4) + 1}`, village: h.village }));
      }
      if (p.publicPost) dept.labor.push(deptRow(h, p, { name: p.name, id_number: p.id, post_type: p.publicPost, post_months: 12, village: h.village }));
      if (p.ranger) dept.forestry.push(deptRow(h, p, { name: p.name, id_number: p.id, hire_year: t.today.getUTCFullYear() - 1, wage: RANGER_WAGE, village: h.village }));
      if (p.age <= 1) {
        dept.police.push(deptRow(h, p, { name: p.name, id_number: p.id, sex: p.sex, cancel_type: '出生登记', cancel_date: p.birth, head_name: head.name, head_id: head.id }));
      }
    }
  }
  for (const [i, p] of t.outsiders.entries()) {
    const row = { values: {} as Record<string, Cell>, personId: p.id, householdNo: null, village: t.villages[i % t.villages.length] ?? '' };
    if (i % 2 === 0) {
      row.values = { name: p.name, id_number: p.id, sex: p.sex, cancel_type: '死亡', cancel_date: `${t.today.getUTCFullYear() - 2}-05-1${i % 10}`, head_name: null, head_id: null };
      dept.police.push(row);
    } else {
      row.values = { name: p.name, id_number: p.id, fourtype_category: i % 4 === 1 ? '财政供养人员' : '车辆登记' };
      dept.fourtypes.push(row);
    }
  }
  return { roll, dept };
}
