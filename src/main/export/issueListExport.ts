import type ExcelJS from 'exceljs';
import { UNKNOWN_VILLAGE } from '../../shared/domain/fields';
import { LEDGER_KIND_BY_ID, type LedgerKindId } from '../../shared/domain/ledgerKinds';
import { ISSUE_STATUSES, RULE_FAMILIES, SEVERITIES, type IssueStatus, type Severity } from '../../shared/domain/rules';
import { RULE_BY_ID } from '../rules/registry';
import type { Db } from '../workspace/workspace';
import { listHouseholds } from './households';
import { exportText, maskNarrative, type Masking } from './masking';
import { CREATOR } from './messages';
import { bodyRow, headerRow, printSetup, titleRow, loadExcelJs } from './sheetStyle';

interface IssueExportRow {
  key: string; rule: string; severity: Severity; village: string | null; household_key: string | null; person_keys: string; records: string;
  message: string; status: IssueStatus; status_reason: string | null; measure: string | null; owner: string | null; due: string | null;
}

const LIST_COLUMNS = [
  { label: '序号', width: 6 }, { label: '村', width: 10 }, { label: '户编号', width: 14 }, { label: '户主', width: 8 },
  { label: '涉及人员', width: 10 }, { label: '身份证号', width: 20 }, { label: '问题类别', width: 10 }, { label: '问题类型', width: 20 },
  { label: '严重程度', width: 8 }, { label: '问题描述', width: 40 }, { label: '涉及台账', width: 18 }, { label: '状态', width: 8 },
  { label: '整改措施', width: 24 }, { label: '责任人', width: 10 }, { label: '整改时限', width: 12 }, { label: '处理说明', width: 20 },
];

/**
 * 问题清单 / 整改台账: every issue by village and rule, with status and the 整改措施 / 责任人 / 时限 columns, and a
 * 汇总 sheet counting issues by type and status and by village.
 */
export async function writeIssueList(db: Db, file: string, masking: Masking, village: string | null): Promise<number> {
  const issues = db.prepare(`SELECT key, rule, severity, village, household_key, person_keys, records, message, status, status_reason,
      measure, owner, due FROM issues WHERE (? IS NULL OR village = ?) ORDER BY village, rule, key`).all(village, village) as IssueExportRow[];
  const households = new Map(listHouseholds(db, { village }).map((h) => [h.key, h]));
  const nameOf = db.prepare('SELECT name, id_number FROM records WHERE person_key = ? LIMIT 1');
  const wb = new (await loadExcelJs()).Workbook();
  wb.creator = CREATOR;
  writeSummary(wb.addWorksheet('汇总'), issues, village);
  const ws = wb.addWorksheet('问题清单', { views: [{ state: 'frozen', ySplit: 2 }] });
  titleRow(ws, `${village ?? ''}问题清单（整改台账）`, LIST_COLUMNS.length);
  headerRow(ws, 2, LIST_COLUMNS);
  issues.forEach((issue, i) => {
    const rule = RULE_BY_ID.get(issue.rule);
    const household = issue.household_key ? households.get(issue.household_key) : undefined;
    const persons = (JSON.parse(issue.person_keys) as string[]).map((k) => nameOf.get(k) as { name: string | null; id_number: string | null } | undefined);
    const kinds = [...new Set((JSON.parse(issue.records) as { source: string }[]).map((r) => r.source))];
    bodyRow(ws, i + 3, [
      i + 1, issue.village ?? '', household?.householdNo ?? '', household?.headName ?? '',
      persons.map((p) => p?.name ?? '').filter((n) => n !== '').join('、'),
      persons.map((p) => exportText(p?.id_number ?? '', 'id_number', '身份证号', masking)).filter((n) => n !== '').join('、'),
      rule ? RULE_FAMILIES[rule.family] : '', rule?.title ?? issue.rule, SEVERITIES[issue.severity],
      maskNarrative(issue.message, masking), kinds.map((k) => LEDGER_KIND_BY_ID.get(k as LedgerKindId)?.label ?? k).join('、'),
      ISSUE_STATUSES[issue.status], issue.measure ?? '', issue.owner ?? '', issue.due ?? '', issue.status_reason ?? '',
    ]);
  });
  printSetup(ws, 'landscape', '2:2');
  await wb.xlsx.writeFile(file);
  return issues.length;
}

function writeSummary(ws: ExcelJS.Worksheet, issues: readonly IssueExportRow[], village: string | null): void {
  const statuses = Object.keys(ISSUE_STATUSES) as IssueStatus[];
  const columns = [{ label: '问题类别', width: 12 }, { label: '问题类型', width: 28 }, { label: '严重程度', width: 10 },
    ...statuses.map((s) => ({ label: ISSUE_STATUSES[s], width: 10 })), { label: '合计', width: 8 }];
  titleRow(ws, `${village ?? ''}问题汇总`, columns.length);
  headerRow(ws, 2, columns);
  const byRule = new Map<string, Map<IssueStatus, number>>();
  for (const i of issues) {
    const counts = byRule.get(i.rule) ?? new Map<IssueStatus, number>();
    counts.set(i.status, (counts.get(i.status) ?? 0) + 1);
    byRule.set(i.rule, counts);
  }
  let row = 3;
  for (const [ruleId, counts] of [...byRule].sort((a, b) => a[0].localeCompare(b[0]))) {
    const rule = RULE_BY_ID.get(ruleId);
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    bodyRow(ws, row++, [rule ? RULE_FAMILIES[rule.family] : '', rule?.title ?? ruleId, rule ? SEVERITIES[rule.severity] : '',
      ...statuses.map((s) => counts.get(s) ?? 0), total]);
  }
  bodyRow(ws, row++, ['合计', '', '', ...statuses.map((s) => issues.filter((i) => i.status === s).length), issues.length]);
  row++;
  headerRow(ws, row++, [{ label: '村', width: 12 }, ...(Object.keys(SEVERITIES) as Severity[]).map((s) => ({ label: `待处理${SEVERITIES[s]}`, width: 28 }))]);
  const villages = [...new Set(issues.map((i) => i.village ?? UNKNOWN_VILLAGE))].sort();
  for (const v of villages) {
    bodyRow(ws, row++, [v, ...(Object.keys(SEVERITIES) as Severity[]).map((s) =>
      issues.filter((i) => (i.village ?? UNKNOWN_VILLAGE) === v && i.severity === s && i.status === 'open').length)]);
  }
  printSetup(ws, 'portrait');
}
