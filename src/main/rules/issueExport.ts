import fs from 'node:fs';
import type { Db } from '../workspace/workspace';
import type { CheckSummary } from './engine';
import { listIssues, type IssueRow } from './issueStore';

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
