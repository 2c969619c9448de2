import { checkCharacter } from '../../shared/domain/idNumber';

/** Builders for the rules' tables of cases: tiny ledgers of canonical values, with valid synthetic IDs. */

export type CaseRow = Record<string, string | number | null>;

/** A valid ID in the fictional county 539901: birth YYYYMMDD, odd seq = male. */
export function caseId(birth: string, seq: number): string {
  const first17 = `539901${birth}${String(seq).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

export const HEAD = caseId('19700101', 11);
export const SPOUSE = caseId('19720202', 22);
export const SON = caseId('20000303', 33);
export const DAUGHTER = caseId('20150404', 44);
export const OTHER_HEAD = caseId('19650505', 55);

/** The household of the cases: head, spouse, adult son and a school-age daughter, as the national export lists them. */
export function family(overrides: Partial<Record<'head' | 'spouse' | 'son' | 'daughter', CaseRow>> = {}, household: CaseRow = {}): CaseRow[] {
  const base: CaseRow = {
    household_no: 'H1', village: '新华村', household_size: 4, poverty_attr: '一般贫困户', exit_flag: '已脱贫', exit_year: 2018,
    first_year: 2014, income_total: 40000, income_per_capita: 10000, income_wage: 30000, income_business: 10000,
    income_property: 0, income_transfer: 1000, expense_business: 1000, helper_name: '赵敏', household_type: '脱贫户',
    water_safe: 1, dangerous_house: 0, ...household,
  };
  return [
    { ...base, name: '王强', id_number: HEAD, sex: '男', relation: '户主', labour: '普通劳动力', work_status: '省外务工', work_months: 10, ...overrides.head },
    { ...base, name: '李芳', id_number: SPOUSE, sex: '女', relation: '配偶', labour: '普通劳动力', ...overrides.spouse },
    { ...base, name: '王磊', id_number: SON, sex: '男', relation: '之子', labour: '技能劳动力', ...overrides.son },
    { ...base, name: '王丽', id_number: DAUGHTER, sex: '女', relation: '之女', labour: '无劳动力', student_status: '小学五年级', ...overrides.daughter },
  ];
}

/** The same family as a roll ledger without 户编号 (card, village table): head name on every row instead. */
export function familyWithoutNumber(overrides: Parameters<typeof family>[0] = {}, household: CaseRow = {}): CaseRow[] {
  return family(overrides, household).map(({ household_no: _no, ...row }) => ({ ...row, head_name: '王强' }));
}
