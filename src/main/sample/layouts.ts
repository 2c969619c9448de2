import type { LedgerKindId } from '../../shared/domain/ledgerKinds';
import type { CellRange, GridCell, GridSheet } from './grid';
import type { Cell, LedgerRow, LedgerViews, RollKind } from './ledgerViews';
import type { Random } from './random';
import type { SampleTownship } from './reality';
import type { SampleFormat } from './writeFiles';

/** A formatting-only difference written on purpose: normalisation must make it vanish. */
export interface TruthFormatting {
  ledger: LedgerKindId;
  personId: string | null;
  field: string;
  written: string;
}

interface Column {
  /** One header row, or [group, sub] for a two-row header with a merged group cell. */
  header: string | readonly [string, string];
  field: string;
}

interface Layout {
  kind: LedgerKindId;
  file: string;
  format: SampleFormat;
  columns: readonly Column[];
  /** Title and 填报单位 rows above the header. */
  title?: (sheet: string) => string;
  /** Household cells: merged over the member rows, written on the head's row only, or repeated on every row. */
  household?: 'merged' | 'first-row' | 'repeated';
  footer?: boolean;
  /** One sheet per village (roll ledgers of villages); otherwise one sheet. */
  perVillage?: boolean;
}

const HOUSEHOLD_FIELDS = new Set([
  'village', 'village_group', 'household_no', 'head_name', 'head_id', 'household_size', 'poverty_attr', 'exit_flag',
  'exit_year', 'income_per_capita', 'helper_name', 'helper_phone',
]);

export const VILLAGES_PER_VOLUME = 20;

export function layoutsFor(t: SampleTownship): Layout[] {
  const town = t.town;
  return [
    { kind: 'national', file: `防返贫监测信息系统导出_${town}.xlsx`, format: 'xlsx', household: 'repeated', columns: [
      ['县', 'county'], ['乡镇', 'town'], ['行政村', 'village'], ['村民小组', 'village_group'], ['户编号', 'household_no'],
      ['人编号', 'person_no'], ['姓名', 'name'], ['证件号码', 'id_number'], ['性别', 'sex'], ['民族', 'ethnicity'],
      ['与户主关系', 'relation'], ['在校生状况', 'student_status'], ['健康状况', 'health'], ['劳动技能', 'labour'],
      ['务工状况', 'work_status'], ['务工时间（月）', 'work_months'], ['公益性岗位', 'public_post_type'],
      ['公益性岗位（月数）', 'public_post_months'], ['是否参加城乡居民基本医疗保险', 'med_basic'], ['是否参加大病保险', 'med_serious'],
      ['是否参加城乡居民基本养老保险', 'pension'], ['是否享受低保', 'dibao'], ['是否特困供养人员', 'tekun'],
      ['家庭人口数', 'household_size'], ['贫困户属性', 'poverty_attr'], ['脱贫标志', 'exit_flag'], ['脱贫年度', 'exit_year'],
      ['首次识别年度', 'first_year'], ['主要致贫原因', 'poverty_cause'], ['家庭纯收入', 'income_total'],
      ['人均纯收入', 'income_per_capita'], ['工资性收入', 'income_wage'], ['生产经营性收入', 'income_business'],
      ['财产性收入', 'income_property'], ['转移性收入', 'income_transfer'], ['生产经营性支出', 'expense_business'],
      ['是否危房户', 'dangerous_house'], ['是否解决安全饮用水', 'water_safe'], ['帮扶责任人', 'helper_name'],
      ['帮扶责任人电话', 'helper_phone'], ['户类型', 'household_type'], ['监测对象类别', 'monitor_category'],
      ['风险类型', 'risk_type'], ['风险是否消除', 'risk_eliminated'], ['识别时间', 'identified_at'],
      ['风险消除时间', 'eliminated_at'], ['帮扶措施', 'measures'],
    ].map(([header, field]) => ({ header: header as string, field: field as string })) },
    { kind: 'card', file: `${town}户卡信息汇总.xlsx`, format: 'xlsx', household: 'merged', footer: true,
      title: () => `${town}脱贫户户卡信息汇总表`, columns: [
        { header: '序号', field: 'seq' }, { header: '村', field: 'village' }, { header: '组', field: 'village_group' },
        { header: ['户主信息', '户主姓名'], field: 'head_name' }, { header: ['户主信息', '家庭人口'], field: 'household_size' },
        { header: ['户主信息', '贫困户属性'], field: 'poverty_attr' }, { header: ['户主信息', '脱贫年度'], field: 'exit_year' },
        { header: ['户主信息', '人均纯收入'], field: 'income_per_capita' },
        { header: ['家庭成员', '姓名'], field: 'name' }, { header: ['家庭成员', '身份证号码'], field: 'id_number' },
        { header: ['家庭成员', '性别'], field: 'sex' }, { header: ['家庭成员', '出生年月'], field: 'birth_date' },
        { header: ['家庭成员', '与户主关系'], field: 'relation' }, { header: ['家庭成员', '健康状况'], field: 'health' },
        { header: ['家庭成员', '劳动技能'], field: 'labour' },
        { header: ['帮扶责任人', '姓名'], field: 'helper_name' }, { header: ['帮扶责任人', '联系电话'], field: 'helper_phone' },
      ] },
    { kind: 'village', file: `${town}各村花名册.xls`, format: 'xls', household: 'merged', footer: true, perVillage: true,
      title: (sheet) => `${town}${sheet}建档立卡脱贫户花名册`, columns: [
        ['序号', 'seq'], ['组', 'village_group'], ['户主', 'head_name'], ['姓名', 'name'], ['身份证号', 'id_number'],
        ['与户主关系', 'relation'], ['家庭人数', 'household_size'], ['属性', 'poverty_attr'], ['脱贫状态', 'exit_flag'],
        ['脱贫年份', 'exit_year'], ['人均纯收入', 'income_per_capita'], ['帮扶人', 'helper_name'],
      ].map(([header, field]) => ({ header: header as string, field: field as string })) },
    { kind: 'township', file: `${town}扶贫对象登记册.et`, format: 'xls', household: 'first-row', perVillage: true, columns: [
      ['户号', 'household_no'], ['户主姓名', 'head_name'], ['户主身份证号码', 'head_id'], ['成员姓名', 'name'],
      ['身份证号码', 'id_number'], ['性别', 'sex'], ['与户主的关系', 'relation'], ['家庭人口', 'household_size'],
      ['户属性', 'poverty_attr'], ['是否脱贫', 'exit_flag'], ['脱贫时间', 'exit_year'], ['人均纯收入', 'income_per_capita'],
      ['帮扶责任人', 'helper_name'], ['村', 'village'], ['组', 'village_group'],
    ].map(([header, field]) => ({ header: header as string, field: field as string })) },
    dept('police', '公安户籍变动名单.csv', 'csv-gbk', [['序号', 'seq'], ['公民身份号码', 'id_number'], ['姓名', 'name'], ['性别', 'sex'], ['注销类别', 'cancel_type'], ['注销日期', 'cancel_date'], ['户主姓名', 'head_name'], ['户主公民身份号码', 'head_id'], ['派出所', 'station']]),
    dept('civil', '民政低保特困名单.csv', 'csv-utf8-bom', [['序号', 'seq'], ['村', 'village'], ['姓名', 'name'], ['身份证号码', 'id_number'], ['保障类型', 'assist_type'], ['保障人数', 'assist_count']]),
    dept('medical', '医保参保名单.csv', 'csv-utf8', [['姓名', 'name'], ['身份证号码', 'id_number'], ['参保状态', 'insured_status'], ['险种', 'insurance_type'], ['参保年度', 'year']]),
    dept('disability', '残联残疾人名单.xlsx', 'xlsx', [['序号', 'seq'], ['姓名', 'name'], ['残疾人证号', 'disability_card'], ['村', 'village']]),
    dept('education', '教育学籍名单.xlsx', 'xlsx', [['学生姓名', 'name'], ['身份证件号', 'id_number'], ['学校', 'school'], ['年级', 'grade_level'], ['学籍状态', 'enrol_status']]),
    dept('housing', '住建危房改造台账.xlsx', 'xlsx', [['村', 'village'], ['户主姓名', 'head_name'], ['户主身份证号', 'head_id'], ['房屋安全等级', 'house_grade'], ['改造状态', 'renovation_status']]),
    dept('water', '水利饮水安全台账.xlsx', 'xlsx', [['村', 'village'], ['户主姓名', 'head_name'], ['户主身份证号', 'head_id'], ['是否解决安全饮用水', 'water_safe'], ['水源类型', 'water_source']]),
    dept('labor', '人社公益性岗位名单.xlsx', 'xlsx', [['村', 'village'], ['姓名', 'name'], ['身份证号码', 'id_number'], ['岗位类型', 'post_type'], ['聘用月数', 'post_months']]),
    dept('forestry', '林业生态护林员名单.xlsx', 'xlsx', [['村', 'village'], ['姓名', 'name'], ['身份证号码', 'id_number'], ['聘用年度', 'hire_year'], ['劳务报酬', 'wage']]),
    dept('fourtypes', '四类人员比对名单.xlsx', 'xlsx', [['姓名', 'name'], ['身份证号码', 'id_number'], ['类别', 'fourtype_category']]),
  ];
}

function dept(kind: LedgerKindId, file: string, format: SampleFormat, columns: readonly (readonly [string, string])[]): Layout {
  return { kind, file, format, columns: columns.map(([header, field]) => ({ header, field })) };
}

const FLAG_FIELDS = new Set(['med_basic', 'med_serious', 'pension', 'dibao', 'tekun', 'dangerous_house', 'water_safe', 'risk_eliminated']);
const FULL_WIDTH_DIGITS = (s: string): string => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
const SHORT_ATTR: Record<string, string> = { 一般贫困户: '一般', 低保贫困户: '低保', 特困供养贫困户: '五保' };

/** Renders canonical values as a clerk's ledger shows them, adding formatting-only quirks at random. */
class Renderer {
  constructor(private readonly rng: Random, private readonly formatting: TruthFormatting[], private readonly limit: number) {}

  private quirk(kind: LedgerKindId, row: LedgerRow, field: string, written: string): string {
    if (this.formatting.length < this.limit) this.formatting.push({ ledger: kind, personId: row.personId, field, written });
    return written;
  }

  cell(kind: LedgerKindId, row: LedgerRow, field: string, value: Cell, householdQuirk: boolean): GridCell {
    if (field === 'county') return '示范县';
    if (field === 'station') return '青山派出所';
    if (field === 'year') return 2026;
    if (value === null) return null;
    if (FLAG_FIELDS.has(field)) return value === 1 ? (kind === 'water' && householdQuirk ? '√' : '是') : '否';
    if (typeof value === 'number' && field === 'id_number') return value;
    const text = String(value);
    switch (`${kind}:${field}`) {
      case 'national:identified_at':
      case 'national:eliminated_at':
        return text.replace('-', '');
      case 'card:name':
        return text.length === 2 && this.rng.chance(0.3) ? this.quirk(kind, row, field, `${text[0]}\u3000${text[1]}`) : text;
      case 'card:birth_date':
        return /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(`${text}T00:00:00Z`) : text;
      case 'card:household_size':
        return householdQuirk ? this.quirk(kind, row, field, `${text}人`) : Number(text);
      case 'village:id_number':
        return this.rng.chance(0.1) ? this.quirk(kind, row, field, FULL_WIDTH_DIGITS(text)) : text;
      case 'village:exit_year':
        return householdQuirk ? this.quirk(kind, row, field, `${text}年`) : Number(text);
      case 'village:poverty_attr':
        return householdQuirk ? this.quirk(kind, row, field, SHORT_ATTR[text] ?? text) : text;
      case 'township:id_number':
        if (text.endsWith('X') && this.rng.chance(0.5)) return this.quirk(kind, row, field, text.toLowerCase());
        return this.rng.chance(0.05) ? this.quirk(kind, row, field, ` ${text} `) : text;
      case 'police:id_number':
        return this.rng.chance(0.2) ? this.quirk(kind, row, field, `'${text}`) : text;
      default:
        return value;
    }
  }
}

function headerRows(columns: readonly Column[], top: number): { rows: GridCell[][]; merges: CellRange[] } {
  const twoRows = columns.some((c) => typeof c.header !== 'string');
  if (!twoRows) return { rows: [columns.map((c) => c.header as string)], merges: [] };
  const groupRow: GridCell[] = [];
  const subRow: GridCell[] = [];
  const merges: CellRange[] = [];
  columns.forEach((c, i) => {
    if (typeof c.header === 'string') {
      groupRow.push(c.header);
      subRow.push(null);
      merges.push({ s: { r: top, c: i }, e: { r: top + 1, c: i } });
    } else {
      const [group, sub] = c.header;
      const previous = columns[i - 1]?.header;
      groupRow.push(typeof previous !== 'string' && previous?.[0] === group ? null : group);
      subRow.push(sub);
    }
  });
  let start = -1;
  columns.forEach((c, i) => {
    const group = typeof c.header === 'string' ? null : c.header[0];
    const next = columns[i + 1]?.header;
    const nextGroup = next === undefined || typeof next === 'string' ? null : next[0];
    if (group !== null && start < 0) start = i;
    if (group !== null && nextGroup !== group) {
      merges.push({ s: { r: top, c: start }, e: { r: top, c: i } });
      start = -1;
    }
  });
  return { rows: [groupRow, subRow], merges };
}

function buildSheet(
  layout: Layout, name: string, households: readonly (readonly LedgerRow[])[], r: Renderer, rng: Random, town: string,
): GridSheet {
  const rows: GridCell[][] = [];
  const merges: CellRange[] = [];
  const width = layout.columns.length;
  if (layout.title) {
    rows.push([layout.title(name), ...Array<GridCell>(width - 1).fill(null)]);
    merges.push({ s: { r: 0, c: 0 }, e: { r: 0, c: width - 1 } });
    rows.push([`填报单位：${town}人民政府\u3000\u3000填报日期：2026年11月`, ...Array<GridCell>(width - 1).fill(null)]);
    merges.push({ s: { r: 1, c: 0 }, e: { r: 1, c: width - 1 } });
  }
  const header = headerRows(layout.columns, rows.length);
  rows.push(...header.rows);
  merges.push(...header.merges);
  let seq = 0;
  for (const members of households) {
    const first = rows.length;
    const quirk = rng.chance(0.3);
    members.forEach((row, i) => {
      const cells = layout.columns.map((col) => {
        if (col.field === 'seq') return ++seq;
        const value = row.values[col.field] ?? null;
        const blank = i > 0 && HOUSEHOLD_FIELDS.has(col.field) && layout.household !== 'repeated' &&
          value === (members[0]?.values[col.field] ?? null);
        return blank ? null : r.cell(layout.kind, row, col.field, value, quirk);
      });
      rows.push(cells);
    });
    if (layout.household === 'merged' && members.length > 1) {
      layout.columns.forEach((col, c) => {
        const same = members.every((m) => (m.values[col.field] ?? null) === (members[0]?.values[col.field] ?? null));
        if (HOUSEHOLD_FIELDS.has(col.field) && same) merges.push({ s: { r: first, c }, e: { r: first + members.length - 1, c } });
      });
    }
  }
  if (layout.footer) {
    rows.push(['合计', `${seq} 人`, ...Array<GridCell>(width - 2).fill(null)]);
    rows.push(['制表人：', null, null, '审核人：', ...Array<GridCell>(Math.max(0, width - 4)).fill(null)]);
  }
  return { name, rows, merges };
}

export interface PlannedFile {
  kind: LedgerKindId;
  file: string;
  format: SampleFormat;
  sheets: GridSheet[];
}

/**
 * Lay out every ledger: roll ledgers of many villages are split into volumes (册) of 20 villages, as townships keep
 * them. Each ledger's view is released once its files are out: at county size the views are most of the heap, and
 * SheetJS's writers spend their time in garbage collection that grows with it.
 */
export function* layOut(
  t: SampleTownship, views: LedgerViews, rng: Random, formatting: TruthFormatting[], formattingLimit: number,
): Generator<PlannedFile> {
  const renderer = new Renderer(rng, formatting, formattingLimit);
  for (const layout of layoutsFor(t)) {
    const roll = (views.roll as Partial<Record<LedgerKindId, Map<string, LedgerRow[]>>>)[layout.kind];
    if (!roll) {
      const kind = layout.kind as Exclude<LedgerKindId, RollKind>;
      const list = views.dept[kind];
      views.dept[kind] = [];
      yield { kind: layout.kind, file: layout.file, format: layout.format, sheets: [buildSheet(layout, '名单', list.map((row) => [row]), renderer, rng, t.town)] };
      continue;
    }
    const byVillage = new Map<string, LedgerRow[][]>(t.villages.map((v) => [v, []]));
    for (const h of t.households) {
      const members = roll.get(h.no) ?? [];
      if (members.length > 0) byVillage.get(h.village)?.push(members);
    }
    roll.clear();
    if (layout.kind === 'national') {
      yield { kind: layout.kind, file: layout.file, format: layout.format, sheets: [buildSheet(layout, 'Sheet1', [...byVillage.values()].flat(), renderer, rng, t.town)] };
      continue;
    }
    for (let v = 0; v < t.villages.length; v += VILLAGES_PER_VOLUME) {
      const villages = t.villages.slice(v, v + VILLAGES_PER_VOLUME);
      const volume = v / VILLAGES_PER_VOLUME + 1;
      const file = t.villages.length > VILLAGES_PER_VOLUME ? layout.file.replace(/(\.\w+)$/, `_第${volume}册$1`) : layout.file;
      const sheets = layout.perVillage
        ? villages.map((name) => buildSheet(layout, name, byVillage.get(name) ?? [], renderer, rng, t.town))
        : [buildSheet(layout, '户卡汇总', villages.flatMap((name) => byVillage.get(name) ?? []), renderer, rng, t.town)];
      yield { kind: layout.kind, file, format: layout.format, sheets };
    }
  }
}
