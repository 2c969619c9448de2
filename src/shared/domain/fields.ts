/** Canonical fields every ledger column maps to (DOMAIN.md §3). Keys double as SQL column names: never user input. */
import type { LedgerKindId } from './ledgerKinds';

export type FieldType =
  | 'id' | 'name' | 'text' | 'sex' | 'date' | 'year' | 'count' | 'money' | 'flag'
  | 'relation' | 'attribute' | 'exit' | 'health' | 'labour' | 'student' | 'assist' | 'grade';

export interface FieldDef {
  key: string;
  label: string;
  level: 'person' | 'household' | 'place' | 'meta';
  type: FieldType;
  /** Header texts that mean this field, in any ledger. */
  synonyms: readonly string[];
  /** Generic headers ("类别", "状态") that mean this field only in the given ledger kinds. */
  kindSynonyms?: Partial<Record<LedgerKindId, readonly string[]>>;
}

const f = (
  key: string, label: string, level: FieldDef['level'], type: FieldType, synonyms: readonly string[] = [],
  kindSynonyms?: FieldDef['kindSynonyms'],
): FieldDef => ({ key, label, level, type, synonyms: [label, ...synonyms], ...(kindSynonyms ? { kindSynonyms } : {}) });

export const FIELDS: readonly FieldDef[] = [
  f('seq', '序号', 'meta', 'text', ['编号', 'NO', 'No.']),
  f('town', '乡镇', 'place', 'name', ['乡镇名称', '乡(镇)', '所属乡镇']),
  f('village', '村', 'place', 'name', ['行政村', '村名', '所属村', '村(社区)', '村委会', '村名称']),
  f('village_group', '组', 'place', 'name', ['村民小组', '组别', '小组', '社', '自然村']),
  f('household_no', '户编号', 'household', 'text', ['户号', '家庭户号', '户码']),
  f('person_no', '人编号', 'person', 'text', ['人员编号', '成员编号']),
  f('head_name', '户主姓名', 'household', 'name', ['户主', '户主名称', '户主名字']),
  f('head_id', '户主证件号码', 'household', 'id', ['户主身份证号', '户主身份证号码', '户主公民身份号码', '户主身份证件号码']),
  f('name', '姓名', 'person', 'name', ['成员姓名', '家庭成员姓名', '学生姓名', '人员姓名', '参保人姓名', '持证人姓名', '护林员姓名', '死亡人员姓名']),
  f('id_number', '证件号码', 'person', 'id', ['身份证号', '身份证号码', '公民身份号码', '公民身份证号码', '身份证件号', '身份证件号码', '证件号', '成员证件号码', '成员身份证号码', '学生身份证号', '参保人身份证号码']),
  f('sex', '性别', 'person', 'sex'),
  f('birth_date', '出生日期', 'person', 'date', ['出生年月', '出生年月日', '生日']),
  f('ethnicity', '民族', 'person', 'text'),
  f('relation', '与户主关系', 'person', 'relation', ['与户主的关系', '关系', '家庭关系']),
  f('student_status', '在校生状况', 'person', 'student', ['在校生情况', '在校情况', '就学情况']),
  f('health', '健康状况', 'person', 'health', ['健康情况']),
  f('labour', '劳动技能', 'person', 'labour', ['劳动能力', '劳动力状况']),
  f('work_status', '务工状况', 'person', 'text', ['务工情况', '就业状况', '就业情况']),
  f('work_months', '务工时间(月)', 'person', 'count', ['务工时间', '务工月数', '务工时长(月)']),
  f('work_place', '务工所在地', 'person', 'text', ['务工地点', '务工地']),
  f('public_post_type', '公益性岗位类型', 'person', 'text', ['公益性岗位']),
  f('public_post_months', '公益性岗位(月数)', 'person', 'count', ['公益性岗位月数', '公益性岗位时间(月)']),
  f('med_basic', '是否参加城乡居民基本医疗保险', 'person', 'flag', ['是否参加新型农村合作医疗', '是否参加新型农村合作医疗或城乡居民基本医疗保险', '是否参加城乡居民医保', '参加城乡居民医保']),
  f('med_employee', '是否参加城镇职工基本医疗保险', 'person', 'flag', ['是否参加职工医保']),
  f('med_serious', '是否参加大病保险', 'person', 'flag'),
  f('pension', '是否参加城乡居民基本养老保险', 'person', 'flag', ['是否参加养老保险']),
  f('dibao', '是否享受低保', 'person', 'flag', ['是否低保']),
  f('tekun', '是否特困供养人员', 'person', 'flag', ['是否特困', '是否特困供养']),
  f('phone', '联系电话', 'person', 'text', ['电话', '手机号', '手机号码']),
  f('household_size', '家庭人口数', 'household', 'count', ['人数', '家庭人口', '家庭人数', '户人口数', '家庭成员数']),
  f('poverty_attr', '贫困户属性', 'household', 'attribute', ['户属性', '属性', '贫困属性']),
  f('exit_flag', '脱贫标志', 'household', 'exit', ['脱贫状态', '是否脱贫', '脱贫情况']),
  f('exit_year', '脱贫年度', 'household', 'year', ['脱贫年份', '脱贫时间']),
  f('first_year', '首次识别年度', 'household', 'year', ['识别年度', '建档立卡年度', '纳入年度']),
  f('poverty_cause', '主要致贫原因', 'household', 'text', ['致贫原因']),
  f('income_total', '家庭纯收入', 'household', 'money', ['家庭年纯收入', '年纯收入', '家庭总收入']),
  f('income_per_capita', '人均纯收入', 'household', 'money', ['家庭人均纯收入', '人均收入']),
  f('income_wage', '工资性收入', 'household', 'money'),
  f('income_business', '生产经营性收入', 'household', 'money'),
  f('income_property', '财产性收入', 'household', 'money'),
  f('income_transfer', '转移性收入', 'household', 'money'),
  f('expense_business', '生产经营性支出', 'household', 'money'),
  f('dangerous_house', '是否危房户', 'household', 'flag', ['是否危房']),
  f('house_grade', '危房等级', 'household', 'grade', ['房屋安全等级', '房屋等级', '鉴定等级']),
  f('water_safe', '是否解决安全饮用水', 'household', 'flag', ['饮水是否安全', '是否饮水安全', '饮水安全']),
  f('helper_name', '帮扶责任人', 'household', 'name', ['帮扶责任人姓名', '帮扶人', '帮扶干部']),
  f('helper_phone', '帮扶责任人电话', 'household', 'text', ['帮扶人电话', '帮扶责任人联系电话']),
  f('household_type', '户类型', 'household', 'text'),
  f('monitor_category', '监测对象类别', 'household', 'text', ['监测类别']),
  f('risk_type', '风险类型', 'household', 'text', ['致贫返贫风险']),
  f('risk_eliminated', '风险是否消除', 'household', 'flag', ['是否消除风险', '风险消除']),
  f('identified_at', '识别时间', 'household', 'date', ['纳入监测时间', '识别日期']),
  f('eliminated_at', '风险消除时间', 'household', 'date', ['消除时间', '风险消除日期']),
  f('measures', '帮扶措施', 'household', 'text'),
  f('industry_link', '利益联结', 'household', 'text', ['产业利益联结', '是否有利益联结']),
  f('cancel_type', '注销类别', 'person', 'text', ['注销原因', '变动类型', '变动类别']),
  f('cancel_date', '注销日期', 'person', 'date', ['注销时间', '变动日期', '死亡日期']),
  f('assist_type', '保障类型', 'person', 'assist', ['救助类型', '保障类别'], { civil: ['类别', '类型'] }),
  f('assist_count', '保障人数', 'household', 'count', ['享受人数']),
  f('disability_card', '残疾人证号', 'person', 'text', ['残疾证号', '残疾人证号码']),
  f('insured_status', '参保状态', 'person', 'text', ['参保情况'], { medical: ['状态'] }),
  f('insurance_type', '险种', 'person', 'text', ['险种类型', '参保险种']),
  f('school', '学校', 'person', 'text', ['就读学校', '学校名称']),
  f('grade_level', '年级', 'person', 'text', ['就读年级']),
  f('enrol_status', '学籍状态', 'person', 'text', ['在校状态'], { education: ['状态'] }),
  f('enrol_exception', '未入学原因', 'person', 'text', ['失学辍学原因', '备注说明', '送教上门']),
  f('renovation_status', '改造状态', 'household', 'text', ['改造情况', '是否完成改造'], { housing: ['状态'] }),
  f('water_source', '水源', 'household', 'text', ['水源类型', '饮水水源']),
  f('post_type', '岗位类型', 'person', 'text', ['岗位名称', '岗位']),
  f('post_months', '聘用月数', 'person', 'count', ['在岗月数', '聘用时间(月)']),
  f('hire_year', '聘用年度', 'person', 'year', ['选聘年度']),
  f('wage', '劳务报酬', 'person', 'money', ['年劳务报酬', '报酬', '补助金额']),
  f('fourtype_category', '四类人员类别', 'person', 'text', ['比对类别', '人员类别'], { fourtypes: ['类别', '类型'] }),
];

export const FIELD_BY_KEY: ReadonlyMap<string, FieldDef> = new Map(FIELDS.map((d) => [d.key, d]));

export const FIELD_KEYS: readonly string[] = FIELDS.map((d) => d.key);

/** Household-level fields that a member row inherits from the row above when its cell is blank (unmerged blocks). */
export const FILL_DOWN_FIELDS: ReadonlySet<string> = new Set(
  FIELDS.filter((d) => d.level === 'household' || d.level === 'place').map((d) => d.key),
);

/** Records without a village are grouped under this name wherever villages are listed. */
export const UNKNOWN_VILLAGE = '（未知村）';
