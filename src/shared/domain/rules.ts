/** Rule metadata and issue vocabulary shared by main and renderer. */
import type { LedgerKindId } from './ledgerKinds';

export const RULE_FAMILIES = {
  identity: '身份证件',
  household: '家庭结构',
  ledger: '账账比对',
  dept: '部门数据比对',
  labour: '人口与劳动力',
  income: '收入',
  status: '状态与时间',
  assist: '帮扶',
} as const;
export type RuleFamily = keyof typeof RULE_FAMILIES;

export const SEVERITIES = { error: '严重', warning: '疑点', info: '提示' } as const;
export type Severity = keyof typeof SEVERITIES;

export const ISSUE_STATUSES = { open: '待处理', resolved: '已整改', confirmed: '核实无误', deferred: '暂缓' } as const;
export type IssueStatus = keyof typeof ISSUE_STATUSES;

export interface RuleMeta {
  /** `family.name`, stable: issue keys and settings refer to it. */
  id: string;
  family: RuleFamily;
  severity: Severity;
  level: 'person' | 'household';
  title: string;
  /** Why it matters, for a clerk who has not read the manual. */
  explanation: string;
  fix: string;
  /** Canonical fields the rule reads. */
  reads: readonly string[];
  /** Settings the rule reads. */
  settings: readonly string[];
  /** Ledger kinds that must have been imported for the rule to mean anything (all of them). */
  needs: readonly LedgerKindId[];
}
