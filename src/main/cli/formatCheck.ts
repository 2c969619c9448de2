import { RULE_FAMILIES, SEVERITIES, type Severity } from '../../shared/domain/rules';
import type { CheckSummary } from '../rules/engine';

const ORDER: Severity[] = ['error', 'warning', 'info'];

function table(title: string, rowLabels: string[], count: (row: string, s: Severity) => number): string[] {
  const width = Math.max(8, ...rowLabels.map((l) => l.length * 2)) + 2;
  const lines = [title, `${''.padEnd(width)}${ORDER.map((s) => SEVERITIES[s].padStart(6)).join('')}`];
  for (const row of rowLabels) lines.push(`${row.padEnd(width - row.length)}${ORDER.map((s) => String(count(row, s)).padStart(8)).join('')}`);
  return lines;
}

/** The summary printed by `duizhang check`: open issues by family × severity and by village, and what was skipped. */
export function formatCheckSummary(s: CheckSummary): string {
  const families = Object.entries(RULE_FAMILIES);
  const byFamily = table('未处理问题（按类别）', families.map(([, label]) => label), (label, sev) => {
    const id = families.find(([, l]) => l === label)?.[0];
    return s.byFamily.find((r) => r.family === id && r.severity === sev)?.count ?? 0;
  });
  const villages = [...new Set(s.byVillage.map((r) => r.village))];
  const byVillage = table('未处理问题（按村）', villages, (v, sev) => s.byVillage.find((r) => r.village === v && r.severity === sev)?.count ?? 0);
  const ran = s.rules.filter((r) => r.ran).length;
  return [
    `数据日期 ${s.asOf}；关联：按证件号码 ${s.link.byId} 条，疑似匹配 ${s.link.probable} 条，未能关联 ${s.link.unlinked} 条；${s.link.households} 户`,
    `运行规则 ${ran} 条，跳过 ${s.rules.length - ran} 条；新发现 ${s.opened} 个问题，自动销号 ${s.closed} 个，未处理 ${s.open} 个`,
    ...s.notes,
    '',
    ...byFamily,
    '',
    ...byVillage,
  ].join('\n');
}
