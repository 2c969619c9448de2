/** What can be exported, with the labels the CLI and the UI show. */
export const EXPORT_KINDS = {
  ledger: '更正后的台账（原格式）',
  issues: '问题清单（整改台账）',
  verify: '入户核实表',
  readiness: '普查迎检准备情况',
  notice: '公示名单',
} as const;
export type ExportKind = keyof typeof EXPORT_KINDS;
