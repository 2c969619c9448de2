import { SEVERITIES, type Severity } from '../../shared/domain/rules';
import { UserError } from '../errors';
import type { Db } from '../workspace/workspace';
import { RULE_BY_ID } from './registry';

/** SQL for rule_settings (migration 002): a rule switched off, or its severity changed, in one workspace. */
export function setRuleSetting(db: Db, ruleId: string, change: { enabled?: boolean; severity?: Severity | null }): void {
  if (!RULE_BY_ID.has(ruleId)) throw new UserError('NOT_FOUND', `没有规则“${ruleId}”，可用 duizhang rules 查看全部规则。`);
  if (change.severity != null && !Object.hasOwn(SEVERITIES, change.severity)) {
    throw new UserError('BAD_INPUT', `严重程度应为 error（严重）、warning（疑点）或 info（提示），收到“${change.severity}”。`);
  }
  const current = db.prepare('SELECT enabled, severity FROM rule_settings WHERE rule = ?').get(ruleId) as
    { enabled: number; severity: string | null } | undefined;
  const enabled = change.enabled ?? (current ? current.enabled === 1 : true);
  const severity = change.severity === undefined ? (current?.severity ?? null) : change.severity;
  db.prepare(`INSERT INTO rule_settings (rule, enabled, severity) VALUES (?, ?, ?)
    ON CONFLICT(rule) DO UPDATE SET enabled = excluded.enabled, severity = excluded.severity`).run(ruleId, enabled ? 1 : 0, severity);
}
