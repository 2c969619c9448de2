import fs from 'node:fs';
import * as XLSX from 'xlsx';
import { LEDGER_KIND_BY_ID, type LedgerKindId } from '../../shared/domain/ledgerKinds';
import { ISSUE_STATUSES, RULE_FAMILIES, SEVERITIES, type RuleFamily } from '../../shared/domain/rules';
import { FIELD_BY_KEY } from '../../shared/domain/fields';
import type { Db } from '../workspace/workspace';
import type { CheckSummary } from './engine';
import { listIssues, type IssueRow } from './issueStore';
import { RULE_BY_ID } from './registry';

/** The issue list as `duizhang check --json` writes it. */
export interface IssueJson {
  key: string;
  rule: string;
  severity: IssueRow['severity'];
  level: IssueRow['level'];
  personIds: string[];
  householdIds: string[];
  village: string | null;
  sources: string[];
  records: { source: string; file: string; sheet: string; row: number }[];
  field: string | null;
  values: Record<string, unknown>;
  message: string;
  status: IssueRow['status'];
}

export function issuesAsJson(db: Db): IssueJson[] {
  // Person keys of records without a usable ID ("R" + record id) become the ID as written.
  const written = db.prepare("SELECT coalesce(id_number, name, '') AS v FROM records WHERE id = ?");
  const personIds = (keys: readonly string[]): string[] =>
    keys.map((k) => (/^R\d+$/.test(k) ? String((written.get(Number(k.slice(1))) as { v: string } | undefined)?.v ?? k) : k));
  return listIssues(db).map((i) => ({
    key: i.key, rule: i.rule, severity: i.severity, level: i.level, personIds: personIds(i.personKeys),
    householdIds: i.householdKey && !i.householdKey.startsWith('B:') ? [i.householdKey] : [],
    village: i.village, sources: [...new Set(i.records.map((r) => r.source))],
    records: i.records.map(({ source, file, sheet, row }) => ({ source, file, sheet, row })),
    field: i.field, values: i.observed, message: i.message, status: i.status,
  }));
}

export function writeIssuesJson(db: Db, summary: CheckSummary, file: string): void {
  fs.writeFileSync(file, `${JSON.stringify({ summary, issues: issuesAsJson(db) }, null, 1)}\n`);
}

/** A plain issue list for Excel (the styled 问题清单 with 整改 columns is an export of its own). */
export function writeIssuesXlsx(db: Db, file: string): void {
  const rows = issuesAsJson(db).map((i) => {
    const rule = RULE_BY_ID.get(i.rule);
    return {
      村: i.village ?? '', 户编号: i.householdIds.join('、'), 证件号码: i.personIds.join('、'),
      问题类别: RULE_FAMILIES[(rule?.family ?? 'identity') as RuleFamily], 规则: rule?.title ?? i.rule, 严重程度: SEVERITIES[i.severity],
      字段: i.field ? (FIELD_BY_KEY.get(i.field)?.label ?? i.field) : '', 说明: i.message,
      涉及台账: i.sources.map((s) => LEDGER_KIND_BY_ID.get(s as LedgerKindId)?.label ?? s).join('、'),
      位置: i.records.map((r) => `${r.file}!${r.sheet}!${r.row}`).join('；'), 状态: ISSUE_STATUSES[i.status],
    };
  });
  const wb = XLSX.utils.book_new();
  const ws = XLSX.utils.json_to_sheet(rows);
  // ID cells as text: a number would lose digits when the file is opened in Excel.
  for (const key of Object.keys(ws)) if (!key.startsWith('!') && ws[key].t === 'n') ws[key].z = '@';
  XLSX.utils.book_append_sheet(wb, ws, '问题清单');
  fs.writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
}
