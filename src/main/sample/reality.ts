import { ageOn, makeBirthDate, makeId, makeName, makePhone, surnameOf } from './people';
import type { Random } from './random';

/** The township as it really is; every ledger is a view of it, and injected defects are departures from it. */
export interface SamplePerson {
  id: string;
  name: string;
  sex: '男' | '女';
  birth: string;
  age: number;
  relation: string;
  ethnicity: string;
  student: string | null;
  health: string;
  labour: string;
  workStatus: string | null;
  workMonths: number | null;
  workPlace: string | null;
  publicPost: string | null;
  ranger: boolean;
  medBasic: 1 | 0;
  pension: 1 | 0;
  dibao: 1 | 0;
  tekun: 1 | 0;
  phone: string | null;
}

export interface SampleHousehold {
  no: string;
  village: string;
  group: string;
  members: SamplePerson[];
  attr: string;
  exitFlag: string;
  exitYear: number;
  firstYear: number;
  cause: string;
  incomeWage: number;
  incomeBusiness: number;
  incomeProperty: number;
  incomeTransfer: number;
  expenseBusiness: number;
  incomeTotal: number;
  incomePerCapita: number;
  houseGrade: 'A' | 'B' | 'C' | 'D';
  renovation: string | null;
  waterSource: string;
  helperName: string;
  helperPhone: string;
  householdType: string;
  monitorCategory: string | null;
  riskType: string | null;
  riskEliminated: 1 | 0 | null;
  identifiedAt: string | null;
  eliminatedAt: string | null;
  measures: string | null;
}

export interface SampleTownship {
  county: string;
  town: string;
  villages: string[];
  households: SampleHousehold[];
  /** People not on the roll who appear in department lists (deaths long since removed, non-poor 四类 hits). */
  outsiders: SamplePerson[];
  today: Date;
}

const VILLAGE_NAMES = [
  '新华村', '团结村', '红星村', '和平村', '光明村', '永安村', '东升村', '太平村', '青龙村', '白石村', '长岭村', '向阳村',
  '双河村', '桃源村', '金竹村', '柳塘村', '松林村', '清泉村', '大坪村', '小寨村', '马场村', '龙潭村', '石门村', '花园村',
];
const CAUSES = ['因病', '因残', '因学', '因灾', '缺土地', '缺水', '缺技术', '缺劳力', '缺资金', '交通条件落后', '自身发展动力不足'];
const POSTS = ['保洁员', '护路员', '护河员', '治安巡逻员', '村级公益岗'];
const ETHNICITIES = ['汉族', '汉族', '汉族', '彝族', '傣族', '白族', '苗族'];

function studentStatus(age: number): string | null {
  if (age < 3) return '学龄前儿童';
  if (age < 6) return '学前教育';
  if (age <= 11) return `小学${['一', '二', '三', '四', '五', '六'][age - 6] ?? ''}年级`;
  if (age <= 14) return `${['七', '八', '九'][age - 12] ?? ''}年级`;
  if (age <= 17) return `普通高中${['一', '二', '三'][age - 15] ?? ''}年级`;
  return null;
}

export function villageName(index: number): string {
  const base = VILLAGE_NAMES[index % VILLAGE_NAMES.length] ?? '新村';
  const round = Math.floor(index / VILLAGE_NAMES.length);
  return round === 0 ? base : base.replace('村', `${round + 1}村`);
}

interface MemberPlan { relation: string; sex: '男' | '女'; age: number }

function planMembers(rng: Random, tekun: boolean): MemberPlan[] {
  const headSex: '男' | '女' = rng.chance(0.85) ? '男' : '女';
  const spouseSex: '男' | '女' = headSex === '男' ? '女' : '男';
  if (tekun) {
    const age = rng.int(62, 85);
    return rng.chance(0.5) ? [{ relation: '户主', sex: headSex, age }] : [
      { relation: '户主', sex: headSex, age }, { relation: '配偶', sex: spouseSex, age: age + rng.int(-3, 3) },
    ];
  }
  const headAge = rng.int(28, 72);
  const plan: MemberPlan[] = [{ relation: '户主', sex: headSex, age: headAge }];
  if (rng.chance(0.85)) plan.push({ relation: '配偶', sex: spouseSex, age: Math.max(22, headAge + rng.int(-4, 4)) });
  const children = headAge < 35 ? rng.int(0, 2) : rng.int(1, 3);
  for (let i = 0; i < children; i++) {
    const age = Math.max(0, headAge - rng.int(22, 34));
    const sex: '男' | '女' = rng.chance(0.5) ? '男' : '女';
    plan.push({ relation: sex === '男' ? '之子' : '之女', sex, age });
  }
  if (headAge >= 50 && rng.chance(0.35)) {
    const sex: '男' | '女' = rng.chance(0.5) ? '男' : '女';
    plan.push({ relation: sex === '男' ? '之孙子' : '之孙女', sex, age: rng.int(1, Math.min(15, headAge - 40)) });
  }
  if (headAge <= 45 && rng.chance(0.3)) {
    plan.push({ relation: rng.chance(0.5) ? '之父' : '之母', sex: '男', age: headAge + rng.int(22, 30) });
    const last = plan[plan.length - 1];
    if (last) last.sex = last.relation === '之父' ? '男' : '女';
  }
  return plan;
}

function makeMember(rng: Random, plan: MemberPlan, surname: string | undefined, today: Date, used: Set<string>): SamplePerson {
  const birth = makeBirthDate(rng, plan.age, today);
  const age = ageOn(birth, today);
  const student = studentStatus(age);
  const inSchool = student !== null && age >= 3;
  const disabled = age >= 16 && rng.chance(0.04);
  const chronic = !disabled && age >= 40 && rng.chance(0.12);
  let labour = '无劳动力';
  if (age >= 16 && age < 60 && !inSchool) {
    labour = disabled ? '丧失劳动力' : rng.pick(['普通劳动力', '普通劳动力', '普通劳动力', '技能劳动力', '弱劳动力或半劳动力']);
  } else if (age >= 60 && age < 65) {
    labour = rng.chance(0.5) ? '弱劳动力或半劳动力' : '无劳动力';
  }
  return {
    id: makeId(rng, birth, plan.sex, used), name: makeName(rng, plan.sex, surname), sex: plan.sex, birth, age,
    relation: plan.relation, ethnicity: rng.pick(ETHNICITIES), student: age < 18 ? student : null,
    health: disabled ? '残疾' : chronic ? '长期慢性病' : '健康', labour, workStatus: null, workMonths: null, workPlace: null,
    publicPost: null, ranger: false, medBasic: 1, pension: age >= 16 && !inSchool ? 1 : 0, dibao: 0, tekun: 0,
    phone: plan.relation === '户主' ? makePhone(rng) : null,
  };
}

const ABLE = new Set(['普通劳动力', '技能劳动力']);

function assignWork(rng: Random, members: SamplePerson[]): void {
  for (const p of members) {
    if (!ABLE.has(p.labour) && p.labour !== '弱劳动力或半劳动力') continue;
    const r = rng.next();
    if (ABLE.has(p.labour) && r < 0.55) {
      p.workStatus = rng.pick(['省外务工', '县外省内务工']);
      p.workMonths = rng.int(6, 12);
      p.workPlace = rng.pick(['广东省深圳市', '浙江省宁波市', '云南省昆明市', '福建省厦门市']);
    } else if (r < 0.7 && p.age >= 18 && p.age <= 60) {
      p.ranger = true;
    } else if (r < 0.8 && p.age <= 70) {
      p.publicPost = rng.pick(POSTS);
    } else if (ABLE.has(p.labour)) {
      p.workStatus = '乡内务工';
      p.workMonths = rng.int(3, 10);
      p.workPlace = '本乡';
    }
  }
  const able = members.filter((p) => ABLE.has(p.labour));
  const employed = members.some((p) => p.workStatus !== null || p.publicPost !== null || p.ranger);
  const first = able[0];
  if (first && !employed) {
    first.workStatus = '乡内务工';
    first.workMonths = 8;
    first.workPlace = '本乡';
  }
}

export const RANGER_WAGE = 10000;
export const PUBLIC_POST_MONTHLY = 600;

function assignIncome(rng: Random, h: SampleHousehold): void {
  const wage = h.members.reduce(
    (sum, p) => sum + (p.workMonths ?? 0) * 3200 + (p.publicPost ? 12 * PUBLIC_POST_MONTHLY : 0) + (p.ranger ? RANGER_WAGE : 0),
    0,
  );
  h.incomeWage = wage;
  h.incomeProperty = rng.int(0, 5) * 100;
  h.incomeTransfer = rng.int(5, 30) * 100 + (h.attr === '一般贫困户' ? 0 : 3600 * h.members.length);
  h.expenseBusiness = rng.int(5, 30) * 100;
  const floor = 9000 * h.members.length;
  const business = rng.int(20, 120) * 100;
  const short = floor - (wage + h.incomeProperty + h.incomeTransfer + business - h.expenseBusiness);
  h.incomeBusiness = business + Math.max(0, Math.ceil(short / 100) * 100);
  h.incomeTotal = h.incomeWage + h.incomeBusiness + h.incomeProperty + h.incomeTransfer - h.expenseBusiness;
  h.incomePerCapita = Math.round((h.incomeTotal / h.members.length) * 100) / 100;
}

export function buildTownship(rng: Random, households: number, today: Date): SampleTownship {
  const villageCount = Math.max(1, Math.round(households / 100));
  const villages = Array.from({ length: villageCount }, (_, i) => villageName(i));
  const used = new Set<string>();
  const list: SampleHousehold[] = [];
  for (let i = 0; i < households; i++) {
    const v = i % villageCount;
    const village = villages[v] ?? '新华村';
    const attr = rng.pick(['一般贫困户', '一般贫困户', '一般贫困户', '低保贫困户', '低保贫困户', '特困供养贫困户']);
    const tekun = attr === '特困供养贫困户';
    const plans = planMembers(rng, tekun);
    const head = makeMember(rng, plans[0] as MemberPlan, undefined, today, used);
    const members = [head, ...plans.slice(1).map((p) => {
      const sameSurname = p.relation.startsWith('之') && !['之母', '之儿媳', '之岳母', '之婆婆'].includes(p.relation);
      return makeMember(rng, p, sameSurname ? surnameOf(head.name) : undefined, today, used);
    })];
    if (tekun) for (const m of members) { m.labour = m.age >= 65 ? '丧失劳动力' : '无劳动力'; m.tekun = 1; }
    if (attr === '低保贫困户') for (const m of members) m.dibao = 1;
    if (!tekun) assignWork(rng, members);
    const exitYear = rng.int(2016, 2020);
    const monitored = rng.chance(0.1);
    const identified = monitored ? `20${rng.int(21, 24)}-0${rng.int(1, 6)}` : null;
    const eliminated = monitored && rng.chance(0.6);
    const grade = rng.pick(['A', 'A', 'B', 'B', 'C', 'D'] as const);
    const h: SampleHousehold = {
      no: `${5399010000 + v * 100 + 1}${String(i + 1).padStart(6, '0')}`.slice(0, 16),
      village, group: `${rng.int(1, 8)}组`, members, attr, exitFlag: '已脱贫', exitYear,
      firstYear: rng.int(2014, Math.min(exitYear, 2016)), cause: tekun ? rng.pick(['因病', '缺劳力']) : rng.pick(CAUSES),
      incomeWage: 0, incomeBusiness: 0, incomeProperty: 0, incomeTransfer: 0, expenseBusiness: 0, incomeTotal: 0,
      incomePerCapita: 0, houseGrade: grade, renovation: grade === 'C' || grade === 'D' ? rng.pick(['已完成改造', '已易地搬迁']) : null,
      waterSource: rng.pick(['集中供水', '集中供水', '分散供水']), helperName: makeName(rng, rng.chance(0.6) ? '男' : '女'),
      helperPhone: makePhone(rng), householdType: monitored ? '脱贫不稳定户' : '脱贫户',
      monitorCategory: monitored ? '脱贫不稳定户' : null, riskType: monitored ? rng.pick(['因病', '因残', '因灾']) : null,
      riskEliminated: monitored ? (eliminated ? 1 : 0) : null, identifiedAt: identified,
      eliminatedAt: eliminated && identified ? `${Number(identified.slice(0, 4)) + 1}-${identified.slice(5)}` : null,
      measures: monitored ? '产业帮扶,就业帮扶' : null,
    };
    assignIncome(rng, h);
    list.push(h);
  }
  const outsiders = Array.from({ length: Math.max(4, Math.round(households / 50)) }, () => {
    const age = rng.int(30, 80);
    const sex: '男' | '女' = rng.chance(0.5) ? '男' : '女';
    return makeMember(rng, { relation: '户主', sex, age }, undefined, today, used);
  });
  return { county: '示范县', town: '青山乡', villages, households: list, outsiders, today };
}
