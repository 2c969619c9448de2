/** What the check tells the clerk while it runs and about each issue's life, in one place (rule texts live with each rule). */

export const CHECK_MESSAGES = {
  linking: '正在关联各台账中的人员和户',
  checking: (title: string) => `正在检查：${title}`,
  waitingForOtherThread: '正在等待另一线程的检查结果',
  disabled: '已停用',
  notImported: (labels: readonly string[]) => `未导入${labels.join('、')}`,
  skippedRules: (label: string, rules: number) => `未导入${label}，跳过 ${rules} 条规则`,
  noSuchIssue: (key: string) => `找不到问题“${key}”。`,
  confirmNeedsReason: '标记为“核实无误”需要填写核实理由。',
  deferNeedsDate: '标记为“暂缓”需要填写暂缓到的日期（如 2026-12-31）。',
  dueNotADate: (due: string) => `整改时限应为日期（如 2026-12-31），收到“${due}”。`,
  noSuchRule: (id: string) => `没有规则“${id}”，可用 duizhang rules 查看全部规则。`,
  badSeverity: (severity: string) => `严重程度应为 error（严重）、warning（疑点）或 info（提示），收到“${severity}”。`,
} as const;

/** Why an issue's status changed without a clerk, as its history records it. */
export const ISSUE_HISTORY = {
  found: '规则检查发现',
  stillThere: '复查仍存在',
  dataChanged: '数据已变化，需重新核实',
  deferralOver: '暂缓期已到',
  notFoundAgain: '复查未再发现',
} as const;
