import { checkCharacter } from '../../shared/domain/idNumber';
import type { LedgerKindId } from '../../shared/domain/ledgerKinds';
import { makeId, makeName, surnameOf } from './people';
import type { Random } from './random';
import type { SampleHousehold, SamplePerson, SampleTownship } from './reality';
import { rollRow, type Cell, type DeptKind, type LedgerRow, type LedgerViews, type RollKind } from './ledgerViews';

/** One injected defect: the rule that must find it and where it is. */
export interface TruthDefect {
  rule: string;
  ledger: LedgerKindId;
  village: string;
  householdNo: string;
  personIds: string[];
  field: string | null;
  note: string;
  /** A second household the defect involves (the other holder of a duplicated ID, the household moved into). */
  otherHouseholdNo?: string;
}

interface Ctx {
  t: SampleTownship;
  v: LedgerViews;
  rng: Random;
  used: Set<string>;
  householdOf: Map<string, SampleHousehold>;
  /** Department rows a defect took out of their list; they leave the lists once, at the end (filtering per defect was quadratic). */
  removed: Set<LedgerRow>;
}

interface Injected {
  personIds: string[];
  note: string;
  otherHouseholdNo?: string;
}

interface DefectSpec {
  rule: string;
  ledger: LedgerKindId;
  field: string | null;
  fits: (h: SampleHousehold, c: Ctx) => boolean;
  /** Make the ledger depart from reality; returns the persons concerned and a note for the ground truth. */
  inject: (h: SampleHousehold, c: Ctx) => Injected;
}

const rows = (c: Ctx, kind: RollKind, h: SampleHousehold): LedgerRow[] => c.v.roll[kind].get(h.no) ?? [];
const rowOf = (c: Ctx, kind: RollKind, p: SamplePerson): LedgerRow | undefined => {
  const h = c.householdOf.get(p.id);
  return h ? rows(c, kind, h).find((r) => r.personId === p.id) : undefined;
};
const head = (h: SampleHousehold): SamplePerson => h.members[0] as SamplePerson;
const nonHead = (h: SampleHousehold): SamplePerson | undefined => h.members.find((p) => p.relation !== '户主');
const setAll = (list: readonly LedgerRow[], field: string, value: Cell): void => { for (const r of list) r.values[field] = value; };
const able = (p: SamplePerson): boolean => p.labour === '普通劳动力' || p.labour === '技能劳动力';
const schoolChild = (p: SamplePerson): boolean => p.age >= 7 && p.age <= 15;

function must<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`sample defect: ${what} missing`);
  return value;
}

const DEPT_INDEX = new WeakMap<LedgerRow[], Map<string, Map<string, LedgerRow[]>>>();

/** A department list's rows of one person (or household), through an index built once per list and key. */
function deptRows(c: Ctx, kind: DeptKind, value: string, by: 'personId' | 'householdNo' = 'personId'): LedgerRow[] {
  const list = c.v.dept[kind];
  let indexes = DEPT_INDEX.get(list);
  if (!indexes) DEPT_INDEX.set(list, indexes = new Map());
  let index = indexes.get(by);
  if (!index) {
    index = new Map();
    for (const r of list) {
      const key = r[by];
      if (!key) continue;
      const rows = index.get(key);
      if (rows) rows.push(r);
      else index.set(key, [r]);
    }
    indexes.set(by, index);
  }
  return index.get(value) ?? [];
}

/** Replace a person's ID in every ledger where it appears (the person's true ID is wrong everywhere). */
function replaceIdEverywhere(c: Ctx, p: SamplePerson, h: SampleHousehold, id: string): void {
  for (const kind of ['national', 'card', 'village', 'township'] as const) {
    for (const r of rows(c, kind, h)) {
      if (r.personId === p.id) r.values.id_number = id;
      if (p.relation === '户主' && 'head_id' in r.values) r.values.head_id = id;
    }
  }
  for (const kind of Object.keys(c.v.dept) as DeptKind[]) for (const r of deptRows(c, kind, p.id)) r.values.id_number = id;
}

function withCheck(first17: string): string {
  return first17 + checkCharacter(first17);
}

const SPECS: DefectSpec[] = [
  // identity
  { rule: 'identity.checksum', ledger: 'card', field: 'id_number', fits: (h) => h.members.length >= 2,
    inject: (h, c) => { const p = must(nonHead(h), 'member'); const r = must(rowOf(c, 'card', p), 'row');
      r.values.id_number = p.id.slice(0, 17) + (p.id.endsWith('1') ? '2' : '1');
      if (r.values.id_number === p.id) r.values.id_number = `${p.id.slice(0, 17)}3`;
      return { personIds: [p.id], note: '户卡中证件号码校验位错误' }; } },
  { rule: 'identity.excel_damaged', ledger: 'card', field: 'id_number', fits: (h) => h.members.length >= 2,
    inject: (h, c) => { const p = must(nonHead(h), 'member'); must(rowOf(c, 'card', p), 'row').values.id_number = Number(`${p.id.slice(0, 15)}000`);
      return { personIds: [p.id], note: '户卡中证件号码被 Excel 存成数字，后三位变成 000' }; } },
  { rule: 'identity.malformed', ledger: 'village', field: 'id_number', fits: (h) => h.members.length >= 2,
    inject: (h, c) => { const p = must(nonHead(h), 'member'); must(rowOf(c, 'village', p), 'row').values.id_number = p.id.slice(0, 17);
      return { personIds: [p.id], note: '村表中证件号码只有 17 位' }; } },
  { rule: 'identity.legacy15', ledger: 'township', field: 'id_number', fits: (h) => h.members.length >= 2 && (nonHead(h)?.age ?? 0) >= 20,
    inject: (h, c) => { const p = must(nonHead(h), 'member'); must(rowOf(c, 'township', p), 'row').values.id_number = p.id.slice(0, 6) + p.id.slice(8, 17);
      return { personIds: [p.id], note: '乡册中仍使用 15 位旧证件号码' }; } },
  { rule: 'identity.birthdate_invalid', ledger: 'national', field: 'id_number', fits: (h) => h.members.length >= 2,
    inject: (h, c) => { const p = must(nonHead(h), 'member'); const bad = withCheck(`${p.id.slice(0, 10)}0230${p.id.slice(14, 17)}`);
      replaceIdEverywhere(c, p, h, bad); return { personIds: [bad], note: '证件号码中的出生日期为 2 月 30 日，不存在' }; } },
  { rule: 'identity.region_unknown', ledger: 'national', field: 'id_number', fits: (h) => h.members.length >= 2,
    inject: (h, c) => { const p = must(nonHead(h), 'member'); const bad = withCheck(`990101${p.id.slice(6, 17)}`);
      replaceIdEverywhere(c, p, h, bad); return { personIds: [bad], note: '证件号码前 6 位不是有效的行政区划代码' }; } },
  { rule: 'identity.sex_mismatch', ledger: 'national', field: 'sex', fits: (h) => h.members.length >= 2,
    inject: (h, c) => { const p = must(nonHead(h), 'member'); must(rowOf(c, 'national', p), 'row').values.sex = p.sex === '男' ? '女' : '男';
      return { personIds: [p.id], note: '系统中性别与证件号码第 17 位不符' }; } },
  { rule: 'identity.birthdate_mismatch', ledger: 'card', field: 'birth_date', fits: () => true,
    inject: (h, c) => { const p = head(h); const r = must(rowOf(c, 'card', p), 'row');
      r.values.birth_date = `${Number(p.birth.slice(0, 4)) + 1}${p.birth.slice(4)}`;
      return { personIds: [p.id], note: '户卡中出生日期与证件号码第 7–14 位不符' }; } },
  { rule: 'identity.duplicate', ledger: 'national', field: 'id_number', fits: (h) => h.members.length >= 2,
    inject: (h, c) => { const other = must(c.t.households.find((o) => o !== h && !c.used.has(o.no) && o.members.length >= 2), 'other household');
      c.used.add(other.no); const p = must(nonHead(h), 'member'); const victim = must(nonHead(other), 'other member');
      must(rowOf(c, 'national', victim), 'row').values.id_number = p.id;
      return { personIds: [p.id, victim.id], note: `同一证件号码出现在户 ${h.no} 和户 ${other.no}`, otherHouseholdNo: other.no }; } },
  // household structure
  { rule: 'household.no_head', ledger: 'national', field: 'relation', fits: (h) => h.members.length >= 2,
    inject: (h, c) => { must(rowOf(c, 'national', head(h)), 'row').values.relation = '其他'; return { personIds: [head(h).id], note: '系统中该户没有户主' }; } },
  { rule: 'household.multiple_heads', ledger: 'national', field: 'relation', fits: (h) => h.members.some((p) => p.relation === '配偶'),
    inject: (h, c) => { const s = must(h.members.find((p) => p.relation === '配偶'), 'spouse'); must(rowOf(c, 'national', s), 'row').values.relation = '户主';
      return { personIds: [head(h).id, s.id], note: '系统中该户有两个户主' }; } },
  { rule: 'household.multiple_spouses', ledger: 'national', field: 'relation',
    fits: (h) => h.members.some((p) => p.relation === '配偶') && h.members.some((p) => (p.relation === '之子' || p.relation === '之女') && p.age >= 20 && p.sex !== head(h).sex),
    inject: (h, c) => { const k = must(h.members.find((p) => (p.relation === '之子' || p.relation === '之女') && p.age >= 20 && p.sex !== head(h).sex), 'child');
      must(rowOf(c, 'national', k), 'row').values.relation = '配偶'; return { personIds: [k.id], note: '系统中该户有两个配偶' }; } },
  { rule: 'household.spouse_same_sex', ledger: 'card', field: 'relation',
    fits: (h) => !h.members.some((p) => p.relation === '配偶') && h.members.some((p) => p.sex === head(h).sex && p.relation !== '户主' && p.age >= 20),
    inject: (h, c) => { const k = must(h.members.find((p) => p.sex === head(h).sex && p.relation !== '户主' && p.age >= 20), 'member');
      must(rowOf(c, 'card', k), 'row').values.relation = '配偶'; return { personIds: [head(h).id, k.id], note: '户卡中户主与配偶性别相同' }; } },
  { rule: 'household.relation_sex', ledger: 'card', field: 'relation', fits: (h) => h.members.some((p) => p.relation === '之子'),
    inject: (h, c) => { const k = must(h.members.find((p) => p.relation === '之子'), 'son'); must(rowOf(c, 'card', k), 'row').values.relation = '之女';
      return { personIds: [k.id], note: '户卡中男性成员登记为“之女”' }; } },
  { rule: 'household.relation_age', ledger: 'national', field: 'relation', fits: (h) => h.members.some((p) => (p.relation === '之子' || p.relation === '之女') && p.age < 20),
    inject: (h, c) => { const k = must(h.members.find((p) => (p.relation === '之子' || p.relation === '之女') && p.age < 20), 'child');
      must(rowOf(c, 'national', k), 'row').values.relation = k.sex === '男' ? '之父' : '之母';
      return { personIds: [k.id], note: '系统中登记为父母的成员比户主年轻 20 岁以上' }; } },
  { rule: 'household.size_mismatch', ledger: 'national', field: 'household_size', fits: () => true,
    inject: (h, c) => { setAll(rows(c, 'national', h), 'household_size', h.members.length + 1); return { personIds: [], note: `系统中家庭人口数为 ${h.members.length + 1}，实际登记成员 ${h.members.length} 人` }; } },
  { rule: 'household.field_inconsistent', ledger: 'national', field: 'poverty_attr', fits: (h) => h.members.length >= 3 && h.attr === '一般贫困户',
    inject: (h, c) => { const p = must(h.members[2], 'member'); must(rowOf(c, 'national', p), 'row').values.poverty_attr = '低保贫困户';
      return { personIds: [p.id], note: '同一户的成员行上贫困户属性不一致' }; } },
  { rule: 'household.head_id_mismatch', ledger: 'township', field: 'head_id', fits: (h) => h.members.length >= 2,
    inject: (h, c) => { setAll(rows(c, 'township', h), 'head_id', must(nonHead(h), 'member').id); return { personIds: [head(h).id], note: '乡册“户主证件号码”列与户主本人的证件号码不同' }; } },
  // ledger vs ledger
  { rule: 'ledger.missing', ledger: 'village', field: null, fits: (h) => h.members.length >= 2,
    inject: (h, c) => { const p = must(nonHead(h), 'member'); const list = rows(c, 'village', h); list.splice(list.findIndex((r) => r.personId === p.id), 1);
      return { personIds: [p.id], note: '系统中有此人，村表中没有' }; } },
  { rule: 'ledger.extra', ledger: 'card', field: null, fits: () => true,
    inject: (h, c) => { const birth = `${c.t.today.getUTCFullYear() - 30}-06-15`; const sex = c.rng.chance(0.5) ? '男' : '女';
      const p: SamplePerson = { ...head(h), id: makeId(c.rng, birth, sex, new Set()), name: makeName(c.rng, sex, surnameOf(head(h).name)), sex, birth, age: 30, relation: sex === '男' ? '之子' : '之女' };
      rows(c, 'card', h).push(rollRow(c.t, 'card', h, p, h.members.length)); return { personIds: [p.id], note: '户卡中有此人，系统中没有' }; } },
  { rule: 'ledger.other_household', ledger: 'township', field: 'household_no', fits: (h) => h.members.length >= 2,
    inject: (h, c) => { const other = must(c.t.households.find((o) => o !== h && !c.used.has(o.no) && o.village === h.village), 'other household');
      c.used.add(other.no); const p = must(nonHead(h), 'member'); const list = rows(c, 'township', h); const [row] = list.splice(list.findIndex((r) => r.personId === p.id), 1);
      const moved = must(row, 'row'); moved.values.household_no = other.no; moved.values.head_name = head(other).name; moved.values.head_id = head(other).id;
      rows(c, 'township', other).push(moved);
      return { personIds: [p.id], note: `乡册中此人登记在户 ${other.no}，系统中在户 ${h.no}`, otherHouseholdNo: other.no }; } },
  { rule: 'ledger.name_diff', ledger: 'village', field: 'name', fits: (h) => h.members.length >= 2,
    inject: (h, c) => { const p = must(nonHead(h), 'member'); must(rowOf(c, 'village', p), 'row').values.name = `${p.name.slice(0, -1)}${p.name.endsWith('华') ? '花' : '华'}`;
      return { personIds: [p.id], note: '村表中姓名与系统不同' }; } },
  { rule: 'ledger.sex_diff', ledger: 'card', field: 'sex', fits: (h) => h.members.length >= 2,
    inject: (h, c) => { const p = must(nonHead(h), 'member'); must(rowOf(c, 'card', p), 'row').values.sex = p.sex === '男' ? '女' : '男';
      return { personIds: [p.id], note: '户卡中性别与系统不同' }; } },
  { rule: 'ledger.relation_diff', ledger: 'township', field: 'relation', fits: (h) => h.members.some((p) => p.relation === '之子'),
    inject: (h, c) => { const k = must(h.members.find((p) => p.relation === '之子'), 'son'); must(rowOf(c, 'township', k), 'row').values.relation = '之孙子';
      return { personIds: [k.id], note: '乡册中与户主关系与系统不同' }; } },
  { rule: 'ledger.size_diff', ledger: 'card', field: 'household_size', fits: (h) => h.members.length >= 2,
    inject: (h, c) => { setAll(rows(c, 'card', h), 'household_size', h.members.length - 1); return { personIds: [], note: `户卡中家庭人口为 ${h.members.length - 1} 人，系统中为 ${h.members.length} 人` }; } },
  { rule: 'ledger.category_diff', ledger: 'village', field: 'poverty_attr', fits: (h) => h.attr === '一般贫困户',
    inject: (h, c) => { setAll(rows(c, 'village', h), 'poverty_attr', '低保贫困户'); return { personIds: [], note: '村表中贫困户属性为低保贫困户，系统中为一般贫困户' }; } },
  { rule: 'ledger.exit_diff', ledger: 'township', field: 'exit_year', fits: (h) => h.exitYear > 2016,
    inject: (h, c) => { setAll(rows(c, 'township', h), 'exit_year', h.exitYear - 1); return { personIds: [], note: `乡册中脱贫年度为 ${h.exitYear - 1}，系统中为 ${h.exitYear}` }; } },
  { rule: 'ledger.income_diff', ledger: 'card', field: 'income_per_capita', fits: () => true,
    inject: (h, c) => { setAll(rows(c, 'card', h), 'income_per_capita', h.incomePerCapita + 1000); return { personIds: [], note: '户卡中人均纯收入与系统不同' }; } },
  { rule: 'ledger.helper_diff', ledger: 'village', field: 'helper_name', fits: () => true,
    inject: (h, c) => { setAll(rows(c, 'village', h), 'helper_name', makeName(c.rng, '女', h.helperName.endsWith('芳') ? '赵' : '钱')); return { personIds: [], note: '村表中帮扶责任人与系统不同' }; } },
  // departments
  { rule: 'dept.deceased_member', ledger: 'police', field: 'cancel_type', fits: (h) => h.members.length >= 2,
    inject: (h, c) => { const p = must(h.members.at(-1), 'member'); c.v.dept.police.push({ values: { name: p.name, id_number: p.id, sex: p.sex, cancel_type: '死亡', cancel_date: `${c.t.today.getUTCFullYear()}-03-0${(p.age % 9) + 1}`, head_name: head(h).name, head_id: head(h).id }, personId: p.id, householdNo: h.no, village: h.village });
      return { personIds: [p.id], note: '公安已注销（死亡），仍在户内' }; } },
  { rule: 'dept.moved_out', ledger: 'police', field: 'cancel_type', fits: (h) => h.members.some((p) => p.age >= 20 && p.relation !== '户主'),
    inject: (h, c) => { const p = must(h.members.find((m) => m.age >= 20 && m.relation !== '户主'), 'member'); c.v.dept.police.push({ values: { name: p.name, id_number: p.id, sex: p.sex, cancel_type: '迁出', cancel_date: `${c.t.today.getUTCFullYear()}-02-1${p.age % 9}`, head_name: head(h).name, head_id: head(h).id }, personId: p.id, householdNo: h.no, village: h.village });
      return { personIds: [p.id], note: '公安登记已迁出，仍在户内' }; } },
  { rule: 'dept.newborn_missing', ledger: 'police', field: null, fits: (h) => h.members.some((p) => p.relation === '之子' && p.age >= 22),
    inject: (h, c) => { const birth = `${c.t.today.getUTCFullYear()}-01-1${h.members.length % 9}`; const id = makeId(c.rng, birth, '女', new Set());
      c.v.dept.police.push({ values: { name: makeName(c.rng, '女', surnameOf(head(h).name)), id_number: id, sex: '女', cancel_type: '出生登记', cancel_date: birth, head_name: head(h).name, head_id: head(h).id }, personId: id, householdNo: h.no, village: h.village });
      return { personIds: [id], note: '公安已登记出生，户内没有此人' }; } },
  { rule: 'dept.civil_status_diff', ledger: 'civil', field: 'assist_type', fits: (h) => h.attr === '一般贫困户',
    inject: (h, c) => { c.v.dept.civil.push({ values: { name: head(h).name, id_number: head(h).id, assist_type: '低保', assist_count: h.members.length, village: h.village }, personId: head(h).id, householdNo: h.no, village: h.village });
      return { personIds: [head(h).id], note: '民政名单中享受低保，系统中为一般贫困户且未享受低保' }; } },
  { rule: 'dept.medical_uninsured', ledger: 'medical', field: 'insured_status', fits: (h) => h.members.some((p) => p.age >= 18),
    inject: (h, c) => { const p = must(h.members.find((m) => m.age >= 18), 'adult'); must(deptRows(c, 'medical', p.id)[0], 'row').values.insured_status = '未参保';
      return { personIds: [p.id], note: '医保名单中未参保' }; } },
  { rule: 'dept.school_dropout', ledger: 'education', field: null, fits: (h) => h.members.some(schoolChild),
    inject: (h, c) => { const k = must(h.members.find(schoolChild), 'child'); for (const r of deptRows(c, 'education', k.id)) c.removed.add(r);
      return { personIds: [k.id], note: '义务教育阶段适龄儿童无学籍' }; } },
  { rule: 'dept.housing_unsafe', ledger: 'housing', field: 'renovation_status', fits: () => true,
    inject: (h, c) => { for (const r of deptRows(c, 'housing', h.no, 'householdNo')) c.removed.add(r);
      c.v.dept.housing.push({ values: { head_name: head(h).name, head_id: head(h).id, house_grade: 'D', renovation_status: '未改造', village: h.village }, personId: head(h).id, householdNo: h.no, village: h.village });
      return { personIds: [head(h).id], note: '住建鉴定为 D 级危房且未改造' }; } },
  { rule: 'dept.water_unsafe', ledger: 'water', field: 'water_safe', fits: () => true,
    inject: (h, c) => { const r = must(deptRows(c, 'water', h.no, 'householdNo')[0], 'water row'); r.values.water_safe = 0;
      return { personIds: [head(h).id], note: '水利台账中未解决安全饮用水' }; } },
  { rule: 'dept.disability_health', ledger: 'disability', field: 'health', fits: (h) => h.members.some((p) => p.health === '健康' && p.age >= 16),
    inject: (h, c) => { const p = must(h.members.find((m) => m.health === '健康' && m.age >= 16), 'member');
      c.v.dept.disability.push({ values: { name: p.name, disability_card: `${p.id}42`, village: h.village }, personId: p.id, householdNo: h.no, village: h.village });
      return { personIds: [p.id], note: '持有残疾人证，健康状况未登记残疾' }; } },
  { rule: 'dept.ranger_ineligible', ledger: 'forestry', field: 'hire_year', fits: (h) => h.members.some((p) => p.age > 65 && !p.ranger),
    inject: (h, c) => { const p = must(h.members.find((m) => m.age > 65), 'elder');
      c.v.dept.forestry.push({ values: { name: p.name, id_number: p.id, hire_year: c.t.today.getUTCFullYear() - 1, wage: 10000, village: h.village }, personId: p.id, householdNo: h.no, village: h.village });
      return { personIds: [p.id], note: `生态护林员年龄 ${p.age} 岁，超出 18–60 岁` }; } },
  { rule: 'dept.public_post_ineligible', ledger: 'labor', field: 'post_type', fits: (h) => h.members.some((p) => p.age > 72 && !p.publicPost),
    inject: (h, c) => { const p = must(h.members.find((m) => m.age > 72 && !m.publicPost), 'elder');
      c.v.dept.labor.push({ values: { name: p.name, id_number: p.id, post_type: '保洁员', post_months: 12, village: h.village }, personId: p.id, householdNo: h.no, village: h.village });
      return { personIds: [p.id], note: `公益性岗位人员年龄 ${p.age} 岁，超出 16–70 岁` }; } },
  { rule: 'dept.fourtypes_hit', ledger: 'fourtypes', field: null, fits: (h) => h.members.some((p) => p.age >= 25),
    inject: (h, c) => { const p = must(h.members.find((m) => m.age >= 25), 'adult');
      c.v.dept.fourtypes.push({ values: { name: p.name, id_number: p.id, fourtype_category: '财政供养人员' }, personId: p.id, householdNo: h.no, village: h.village });
      return { personIds: [p.id], note: '比对为财政供养人员' }; } },
  // demography and labour (national system)
  { rule: 'labour.child_labour', ledger: 'national', field: 'labour', fits: (h) => h.members.some((p) => p.age >= 8 && p.age < 16),
    inject: (h, c) => { const k = must(h.members.find((p) => p.age >= 8 && p.age < 16), 'child'); must(rowOf(c, 'national', k), 'row').values.labour = '普通劳动力';
      return { personIds: [k.id], note: `${k.age} 岁登记为普通劳动力` }; } },
  { rule: 'labour.elderly_able', ledger: 'national', field: 'labour', fits: (h) => h.members.some((p) => p.age >= 66 && p.workStatus === null),
    inject: (h, c) => { const p = must(h.members.find((m) => m.age >= 66 && m.workStatus === null), 'elder'); must(rowOf(c, 'national', p), 'row').values.labour = '技能劳动力';
      return { personIds: [p.id], note: `${p.age} 岁登记为技能劳动力` }; } },
  { rule: 'labour.migrant_unable', ledger: 'national', field: 'labour', fits: (h) => h.members.some((p) => p.workStatus === '省外务工'),
    inject: (h, c) => { const p = must(h.members.find((m) => m.workStatus === '省外务工'), 'worker'); must(rowOf(c, 'national', p), 'row').values.labour = '无劳动力';
      return { personIds: [p.id], note: '省外务工但登记为无劳动力' }; } },
  { rule: 'labour.student_migrant', ledger: 'national', field: 'work_status', fits: (h) => h.members.some((p) => p.age >= 12 && p.age <= 17),
    inject: (h, c) => { const k = must(h.members.find((p) => p.age >= 12 && p.age <= 17), 'student'); const r = must(rowOf(c, 'national', k), 'row');
      r.values.work_status = '省外务工'; r.values.work_months = 6; return { personIds: [k.id], note: '在校生登记为省外务工' }; } },
  { rule: 'labour.preschool_age', ledger: 'national', field: 'student_status', fits: (h) => h.members.some((p) => p.age >= 7 && p.age <= 10),
    inject: (h, c) => { const k = must(h.members.find((p) => p.age >= 7 && p.age <= 10), 'child'); must(rowOf(c, 'national', k), 'row').values.student_status = '学前教育';
      return { personIds: [k.id], note: `${k.age} 岁仍登记为学前教育` }; } },
  { rule: 'labour.no_employment', ledger: 'national', field: 'work_status', fits: (h) => h.members.some(able) && !h.members.some((p) => p.ranger || p.publicPost),
    inject: (h, c) => { for (const r of rows(c, 'national', h)) { r.values.work_status = null; r.values.work_months = null; }
      return { personIds: [], note: '有劳动力但无人就业' }; } },
  { rule: 'labour.tekun_working', ledger: 'national', field: 'work_status', fits: (h) => h.attr === '特困供养贫困户',
    inject: (h, c) => { const r = must(rowOf(c, 'national', head(h)), 'row'); r.values.work_status = '乡内务工'; r.values.work_months = 6;
      return { personIds: [head(h).id], note: '特困供养人员登记为务工' }; } },
  // income
  { rule: 'income.sum_mismatch', ledger: 'national', field: 'income_total', fits: () => true,
    inject: (h, c) => { setAll(rows(c, 'national', h), 'income_total', h.incomeTotal + 1500); return { personIds: [], note: '家庭纯收入不等于各项收入之和减生产经营性支出' }; } },
  { rule: 'income.per_capita_mismatch', ledger: 'national', field: 'income_per_capita', fits: (h) => h.members.length >= 2,
    inject: (h, c) => { setAll(rows(c, 'national', h), 'income_per_capita', Math.round(h.incomeTotal / (h.members.length - 1))); return { personIds: [], note: '人均纯收入不等于家庭纯收入除以家庭人口数' }; } },
  { rule: 'income.below_line', ledger: 'national', field: 'income_per_capita', fits: (h) => h.householdType === '脱贫户' && h.incomeWage === 0 && h.members.length >= 2,
    inject: (h, c) => { const total = 3500 * h.members.length; const business = total - h.incomeProperty - h.incomeTransfer + h.expenseBusiness;
      for (const r of rows(c, 'national', h)) { r.values.income_business = business; r.values.income_total = total; r.values.income_per_capita = 3500; }
      return { personIds: [], note: '已脱贫户人均纯收入 3500 元，低于收入标准' }; } },
  { rule: 'income.unmonitored', ledger: 'national', field: 'income_per_capita', fits: (h) => h.householdType === '脱贫户' && h.incomeWage === 0 && h.members.length >= 2,
    inject: (h, c) => { const total = 5500 * h.members.length; const business = total - h.incomeProperty - h.incomeTransfer + h.expenseBusiness;
      for (const r of rows(c, 'national', h)) { r.values.income_business = business; r.values.income_total = total; r.values.income_per_capita = 5500; }
      return { personIds: [], note: '脱贫户人均纯收入 5500 元，低于监测标准但未纳入监测' }; } },
  { rule: 'income.risk_eliminated_low', ledger: 'national', field: 'risk_eliminated', fits: (h) => h.riskEliminated === 1 && h.incomeWage === 0 && h.members.length >= 2,
    inject: (h, c) => { const total = 5000 * h.members.length; const business = total - h.incomeProperty - h.incomeTransfer + h.expenseBusiness;
      for (const r of rows(c, 'national', h)) { r.values.income_business = business; r.values.income_total = total; r.values.income_per_capita = 5000; }
      return { personIds: [], note: '风险已消除但人均纯收入低于监测标准' }; } },
  { rule: 'income.wage_missing', ledger: 'national', field: 'income_wage', fits: (h) => h.members.some((p) => p.ranger || p.publicPost),
    inject: (h, c) => { for (const r of rows(c, 'national', h)) { r.values.income_business = h.incomeBusiness + h.incomeWage; r.values.income_wage = 0; }
      return { personIds: [], note: '有护林员或公益性岗位收入，工资性收入为 0' }; } },
  // status and dates
  { rule: 'status.exit_year_missing', ledger: 'national', field: 'exit_year', fits: () => true,
    inject: (h, c) => { setAll(rows(c, 'national', h), 'exit_year', null); return { personIds: [], note: '已脱贫但没有脱贫年度' }; } },
  { rule: 'status.exit_year_range', ledger: 'national', field: 'exit_year', fits: () => true,
    inject: (h, c) => { setAll(rows(c, 'national', h), 'exit_year', 2012); return { personIds: [], note: '脱贫年度 2012 不在 2014–2020 之间' }; } },
  { rule: 'status.not_exited', ledger: 'national', field: 'exit_flag', fits: () => true,
    inject: (h, c) => { setAll(rows(c, 'national', h), 'exit_flag', '未脱贫'); setAll(rows(c, 'national', h), 'exit_year', null); return { personIds: [], note: '2020 年后的数据中仍为未脱贫' }; } },
  { rule: 'status.risk_date_missing', ledger: 'national', field: 'eliminated_at', fits: (h) => h.riskEliminated === 1,
    inject: (h, c) => { setAll(rows(c, 'national', h), 'eliminated_at', null); return { personIds: [], note: '风险已消除但没有消除时间' }; } },
  { rule: 'status.eliminated_early', ledger: 'national', field: 'eliminated_at', fits: (h) => h.riskEliminated === 1 && h.identifiedAt !== null,
    inject: (h, c) => { const id = must(h.identifiedAt, 'identified'); const month = Number(id.slice(5)) + 2;
      setAll(rows(c, 'national', h), 'eliminated_at', `${id.slice(0, 4)}-${String(month).padStart(2, '0')}`); return { personIds: [], note: '识别后不足 6 个月即消除风险' }; } },
  // assistance
  { rule: 'assist.no_helper', ledger: 'national', field: 'helper_name', fits: () => true,
    inject: (h, c) => { setAll(rows(c, 'national', h), 'helper_name', null); setAll(rows(c, 'national', h), 'helper_phone', null); return { personIds: [], note: '没有帮扶责任人' }; } },
];

export const DEFECT_RULES: readonly string[] = SPECS.map((s) => s.rule);

/** Inject every defect `perRule` times, each into a household no other defect touches. */
export function injectDefects(t: SampleTownship, v: LedgerViews, rng: Random, perRule: number): TruthDefect[] {
  const householdOf = new Map<string, SampleHousehold>();
  for (const h of t.households) for (const m of h.members) householdOf.set(m.id, h);
  const c: Ctx = { t, v, rng, used: new Set(), householdOf, removed: new Set() };
  const order = rng.shuffle([...t.households]);
  const truth: TruthDefect[] = [];
  // Whether a household fits a defect depends on the household alone, so each defect's cursor only moves forward.
  const cursors = SPECS.map(() => 0);
  for (let round = 0; round < perRule; round++) {
    SPECS.forEach((spec, s) => {
      let i = cursors[s] ?? 0;
      while (i < order.length && (c.used.has((order[i] as SampleHousehold).no) || !spec.fits(order[i] as SampleHousehold, c))) i++;
      cursors[s] = i + 1;
      const h = order[i];
      if (!h) return;
      c.used.add(h.no);
      const { personIds, note, otherHouseholdNo } = spec.inject(h, c);
      truth.push({
        rule: spec.rule, ledger: spec.ledger, village: h.village, householdNo: h.no, personIds, field: spec.field, note,
        ...(otherHouseholdNo ? { otherHouseholdNo } : {}),
      });
    });
  }
  for (const kind of Object.keys(v.dept) as DeptKind[]) v.dept[kind] = v.dept[kind].filter((r) => !c.removed.has(r));
  return truth;
}

/** Households no defect touched: every rule must stay silent on them (above 提示). */
export function cleanHouseholds(t: SampleTownship, truth: readonly TruthDefect[]): string[] {
  const touched = new Set(truth.flatMap((d) => (d.otherHouseholdNo ? [d.householdNo, d.otherHouseholdNo] : [d.householdNo])));
  return t.households.filter((h) => !touched.has(h.no)).map((h) => h.no);
}
