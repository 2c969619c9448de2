import type ExcelJS from 'exceljs';
import { FIELD_BY_KEY } from '../../shared/domain/fields';
import { READINESS_STATES, type ReadinessItem } from '../../shared/domain/readiness';
import { SEVERITIES, type Severity } from '../../shared/domain/rules';
import { CHECKLIST, encodeVerifyKey, VERIFY_KEY_COLUMN } from '../../shared/domain/verification';
import { readCells, type RecordCell } from '../corrections/cells';
import { RULE_BY_ID } from '../rules/registry';
import type { Db } from '../workspace/workspace';
import { listHouseholds, type Household } from './households';
import { exportText, maskNarrative, type Masking } from './masking';
import { computeReadiness } from './readiness';
import { CREATOR } from './messages';
import { bodyRow, headerRow, HEADER_FONT, printSetup, THIN, titleRow, loadExcelJs } from './sheetStyle';

const PERSON_FIELDS = ['name', 'id_number', 'sex', 'birth_date', 'relation', 'health', 'labour', 'student_status', 'work_status', 'med_basic'];
const HOUSEHOLD_FIELDS = ['household_size', 'poverty_attr', 'exit_flag', 'exit_year', 'income_total', 'income_per_capita', 'income_wage',
  'income_business', 'income_property', 'income_transfer', 'expense_business', 'dangerous_house', 'water_safe', 'helper_name'];
const CHECK_READINESS: Record<string, ReadinessItem> = {
  不愁吃: 'food', 不愁穿: 'clothing', 义务教育有保障: 'education', 基本医疗有保障: 'medical', 住房安全有保障: 'housing', 饮水安全有保障: 'water',
};
const WIDTHS = [6, 12, 16, 22, 22, 18, 4];

interface OpenIssue {
  id: number;
  rule: string;
  severity: Severity;
  message: string;
}

function sectionHeader(ws: ExcelJS.Worksheet, row: number, title: string, labels: readonly string[]): number {
  ws.mergeCells(row, 1, row, VERIFY_KEY_COLUMN - 1);
  const cell = ws.getCell(row, 1);
  cell.value = title;
  cell.font = HEADER_FONT;
  headerRow(ws, row + 1, labels.map((label, i) => ({ label, width: WIDTHS[i] ?? 10 })));
  return row + 2;
}

function keyCell(ws: ExcelJS.Worksheet, row: number, key: string): void {
  ws.getCell(row, VERIFY_KEY_COLUMN).value = key;
}

function writeHousehold(
  ws: ExcelJS.Worksheet, h: Household, cells: Map<string, RecordCell>, issues: readonly OpenIssue[],
  readiness: Record<ReadinessItem, string> | undefined, masking: Masking,
): void {
  titleRow(ws, `${h.village}入户核实表`, VERIFY_KEY_COLUMN - 1);
  ws.mergeCells(2, 1, 2, VERIFY_KEY_COLUMN - 1);
  ws.getCell(2, 1).value = `乡镇：${h.town || '＿＿＿＿'}    村：${h.village}    组：${h.group || '＿＿'}    户编号：${h.householdNo}    户主：${h.headName}    核实日期：＿＿＿＿年＿＿月＿＿日`;
  ws.getCell(2, 1).font = HEADER_FONT;
  let row = sectionHeader(ws, 4, '一、家庭成员及收入（台账值与核实值；一致的不填，不一致的填写核实值）', ['序号', '姓名', '项目', '台账值', '核实值', '备注']);
  let n = 1;
  const line = (who: string, field: string, cell: RecordCell | undefined): void => {
    if (!cell || cell.position < 0) return;
    const label = FIELD_BY_KEY.get(field)?.label ?? field;
    bodyRow(ws, row, [n++, who, label, exportText(cell.text, field, label, masking), '', '']);
    keyCell(ws, row++, encodeVerifyKey({ kind: 'cell', recordId: cell.recordId, field }));
  };
  for (const m of h.members) for (const f of PERSON_FIELDS) line(m.name ?? '', f, cells.get(`${m.id}|${f}`));
  const first = h.members[0];
  if (first) for (const f of HOUSEHOLD_FIELDS) line('（全户）', f, cells.get(`${first.id}|${f}`));

  row = sectionHeader(ws, row + 1, '二、“两不愁三保障”及饮水安全', ['序号', '项目', '要求', '台账情况', '核实结果（是/否）', '说明']);
  CHECKLIST.forEach((item, i) => {
    const state = readiness?.[CHECK_READINESS[item] ?? 'food'];
    bodyRow(ws, row, [i + 1, item, '是否达到', state ? (state === 'unknown' ? '待核实' : READINESS_STATES[state as 'ok' | 'fail']) : '', '', '']);
    keyCell(ws, row++, encodeVerifyKey({ kind: 'check', recordId: h.members[0]?.id ?? 0, item }));
  });

  row = sectionHeader(ws, row + 1, '三、需入户核实的问题', ['序号', '问题类型', '问题说明', '严重程度', '核实结论（属实/不属实/已整改）', '备注']);
  if (issues.length === 0) bodyRow(ws, row++, ['', '无', '', '', '', '']);
  issues.forEach((issue, i) => {
    bodyRow(ws, row, [i + 1, RULE_BY_ID.get(issue.rule)?.title ?? issue.rule, maskNarrative(issue.message, masking), SEVERITIES[issue.severity], '', '']);
    keyCell(ws, row++, encodeVerifyKey({ kind: 'issue', issueId: issue.id }));
  });

  row += 1;
  for (const text of ['户主（签字）：＿＿＿＿＿＿    核实人1（签字）：＿＿＿＿＿＿    核实人2（签字）：＿＿＿＿＿＿',
    '村干部（签字）：＿＿＿＿＿＿    日期：＿＿＿＿年＿＿月＿＿日']) {
    ws.mergeCells(row, 1, row, VERIFY_KEY_COLUMN - 1);
    ws.getCell(row, 1).value = text;
    ws.getRow(row).height = 30;
    row++;
  }
  ws.getColumn(VERIFY_KEY_COLUMN).hidden = true;
  for (let r = 5; r < row; r++) ws.getCell(r, VERIFY_KEY_COLUMN).border = {};
  ws.getCell(2, 1).border = THIN;
  printSetup(ws, 'portrait', '1:2');
}

function sheetName(h: Household, used: Set<string>): string {
  const base = `${h.headName || '户'}${h.householdNo ? `-${h.householdNo.slice(-6)}` : ''}`.replace(/[\\/?*[\]:]/g, '').slice(0, 28);
  let name = base;
  for (let i = 2; used.has(name); i++) name = `${base}(${i})`;
  used.add(name);
  return name;
}

/**
 * 入户核实表 for printing, one sheet per household (of a village, or one household): every ledger value beside an empty
 * 核实值 cell, the 两不愁三保障 + 饮水 checklist, the household's open issues with room for 核实结论, signature lines; A4,
 * title rows repeated on each page. The hidden column G lets `verify-import` read the filled sheet back.
 */
export async function writeVerificationSheets(
  db: Db, file: string, masking: Masking, filter: { village: string | null; household: string | null },
): Promise<number> {
  const households = listHouseholds(db, { village: filter.village, ...(filter.household ? { keys: [filter.household] } : {}) });
  const memberIds = households.flatMap((h) => h.members.map((m) => m.id));
  const cells = new Map<string, RecordCell>();
  for (const field of [...PERSON_FIELDS, ...HOUSEHOLD_FIELDS]) {
    for (const c of readCells(db, memberIds, field)) cells.set(`${c.recordId}|${field}`, c);
  }
  const issues = db.prepare(`SELECT rowid AS id, rule, severity, message, household_key FROM issues WHERE status IN ('open', 'deferred')
      AND household_key IN (SELECT value FROM json_each(?)) ORDER BY severity, rule`).all(JSON.stringify(households.map((h) => h.key))) as
    (OpenIssue & { household_key: string })[];
  const byHousehold = new Map<string, OpenIssue[]>();
  for (const i of issues) {
    const list = byHousehold.get(i.household_key);
    if (list) list.push(i);
    else byHousehold.set(i.household_key, [i]);
  }
  const readiness = new Map(computeReadiness(db, filter.village).households.map((r) => [r.key, r.items]));
  const wb = new (await loadExcelJs()).Workbook();
  wb.creator = CREATOR;
  const used = new Set<string>();
  for (const h of households) {
    const ws = wb.addWorksheet(sheetName(h, used));
    writeHousehold(ws, h, cells, byHousehold.get(h.key) ?? [], readiness.get(h.key), masking);
  }
  await wb.xlsx.writeFile(file);
  return households.length;
}
