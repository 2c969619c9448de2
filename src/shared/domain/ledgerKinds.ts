/** Ledger kinds (DOMAIN.md §2): stable ids, Chinese labels and the evidence used to guess a file's kind. */
import { FIELD_BY_KEY } from './fields';

export const LEDGER_KIND_IDS = [
  'national', 'card', 'village', 'township', 'police', 'civil', 'disability', 'medical',
  'education', 'housing', 'water', 'labor', 'forestry', 'fourtypes',
] as const;

export type LedgerKindId = (typeof LEDGER_KIND_IDS)[number];

export interface LedgerKind {
  id: LedgerKindId;
  label: string;
  grain: 'person' | 'household';
  /** Roll ledgers (卡表册 and the national system) list every member; department lists are compared against them. */
  roll: boolean;
  /** Canonical fields whose presence is evidence for this kind. */
  signatureFields: readonly string[];
  /** Words in the file name or a title row that are evidence for this kind. */
  nameHints: readonly string[];
}

export const LEDGER_KINDS: readonly LedgerKind[] = [
  { id: 'national', label: '国家系统导出', grain: 'person', roll: true, signatureFields: ['person_no', 'first_year', 'monitor_category', 'income_wage'], nameHints: ['全国', '系统', '防返贫', '监测信息', '国扶', '导出'] },
  { id: 'card', label: '户卡汇总', grain: 'person', roll: true, signatureFields: [], nameHints: ['户卡', '明白卡', '扶贫手册', '一户一卡'] },
  { id: 'village', label: '村表（花名册）', grain: 'person', roll: true, signatureFields: [], nameHints: ['村表', '花名册', '台账'] },
  { id: 'township', label: '乡册（登记册）', grain: 'person', roll: true, signatureFields: [], nameHints: ['乡册', '登记册', '乡镇'] },
  { id: 'police', label: '公安户籍变动', grain: 'person', roll: false, signatureFields: ['cancel_type', 'cancel_date'], nameHints: ['公安', '户籍', '死亡', '注销', '迁出', '出生'] },
  { id: 'civil', label: '民政低保特困名单', grain: 'person', roll: false, signatureFields: ['assist_type', 'assist_count'], nameHints: ['民政', '低保', '特困'] },
  { id: 'disability', label: '残联残疾人名单', grain: 'person', roll: false, signatureFields: ['disability_card'], nameHints: ['残联', '残疾'] },
  { id: 'medical', label: '医保参保名单', grain: 'person', roll: false, signatureFields: ['insured_status', 'insurance_type'], nameHints: ['医保', '参保', '医疗保险'] },
  { id: 'education', label: '教育学籍名单', grain: 'person', roll: false, signatureFields: ['school', 'grade_level', 'enrol_status'], nameHints: ['教育', '学籍', '学生', '资助'] },
  { id: 'housing', label: '住建危房改造台账', grain: 'household', roll: false, signatureFields: ['house_grade', 'renovation_status'], nameHints: ['住建', '危房', '改造'] },
  { id: 'water', label: '水利饮水安全台账', grain: 'household', roll: false, signatureFields: ['water_source', 'water_safe'], nameHints: ['水利', '饮水'] },
  { id: 'labor', label: '人社就业与公益性岗位', grain: 'person', roll: false, signatureFields: ['post_type', 'post_months'], nameHints: ['人社', '公益性岗位', '就业', '公益岗'] },
  { id: 'forestry', label: '林业生态护林员', grain: 'person', roll: false, signatureFields: ['hire_year', 'wage'], nameHints: ['林业', '护林员', '管护员', '生态'] },
  { id: 'fourtypes', label: '四类人员比对名单', grain: 'person', roll: false, signatureFields: ['fourtype_category'], nameHints: ['四类', '财政供养', '车辆', '商品房', '工商'] },
];

export const LEDGER_KIND_BY_ID: ReadonlyMap<LedgerKindId, LedgerKind> = new Map(LEDGER_KINDS.map((k) => [k.id, k]));

export function isLedgerKindId(value: string): value is LedgerKindId {
  return (LEDGER_KIND_IDS as readonly string[]).includes(value);
}

export interface KindGuess {
  kind: LedgerKindId;
  score: number;
  reasons: string[];
}

/**
 * Score every kind from the mapped fields and the file name / title text; the best guess comes first.
 * Roll ledgers share their columns, so between them the name decides; without a hint, the township book is assumed
 * when 户编号 is present and the village table otherwise (village tables usually lack it).
 */
export function guessLedgerKind(fields: ReadonlySet<string>, text: string): KindGuess[] {
  // "填报单位：XX乡人民政府" sits above most headers, and 人民政府 contains 民政.
  const nameText = text.replaceAll('人民政府', '');
  const guesses = LEDGER_KINDS.map((kind): KindGuess => {
    const reasons: string[] = [];
    let score = 0;
    for (const key of kind.signatureFields) {
      if (fields.has(key)) { score += 3; reasons.push(`表头含“${FIELD_BY_KEY.get(key)?.label ?? key}”`); }
    }
    for (const hint of kind.nameHints) {
      if (nameText.includes(hint)) { score += 2; reasons.push(`名称含“${hint}”`); }
    }
    if (kind.roll && fields.has('relation')) score += 1;
    return { kind: kind.id, score, reasons };
  });
  const rollFallback: LedgerKindId = fields.has('household_no') ? 'township' : 'village';
  for (const g of guesses) if (g.kind === rollFallback) g.score += 0.5;
  return guesses.sort((a, b) => b.score - a.score);
}
