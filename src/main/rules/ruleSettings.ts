import { SEVERITIES, type Severity } from '../../shared/domain/rules';
import { UserError } from '../errors';
import type { Db } from '../workspace/workspace';
import { CHECK_MESSAGES } from './messages';
import { RULE_BY_ID } from './registry';

/** SQL for rule_settings (migration 002): a rule switched off, or its severity changed, in one workspace. */
export function setRuleSetting(db: Db, ruleId: string, change: { enabled?: boolean; severity?: Severity | null }): void {
  if (!RULE_BY_ID.has(ruleId)) throw new UserError('NOT_FOUND', CHECK_MESSAGES.noSuchRule(ruleId));
  if (change.severity != null && !Object.hasOwn(SEVERITIES, change.severity)) {
    throw new UserError('BAD_INPUT', CHECK_MESSAGES.badSeverity(change.severity));
  }
  const current = db.prepare('SELECT enabled, severity FROM rule_settings WHERE rule = ?').get(ruleId) as
    { enabled: number; severity: string | null } | undefined;
  const enabled = change.enabled ?? (current ? current.enabled === 1 : true);
  const severity = change.severity === undefined ? (current?.severity ?? null) : change.severity;
  db.prepare(`INSERT INTO rule_settings (rule, enabled, severity) VALUES (?, ?, ?)
    ON CONFLICT(rule) DO UPDATE SET enabled = excluded.enabled, severity = excluded.severity`).run(ruleId, enabled ? 1 : 0, severity);
}
