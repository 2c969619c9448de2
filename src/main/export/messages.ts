/**
 * What exports tell the clerk and the names they give files and villages, in one place. The exported documents' own
 * wording (titles, column headers, signature lines) stays with the layout that places it.
 */

/** The application named as the author of every exported workbook. */
export const CREATOR = '对账';

export const EXPORT_MESSAGES = {
  cannotWrite: (file: string) => `无法写入“${file}”：文件可能正在 Excel/WPS 中打开，或没有写入权限。请关闭后重试。`,
  unknownExport: (what: string, kinds: Readonly<Record<string, string>>) =>
    `不能导出“${what}”。可以导出：${Object.entries(kinds).map(([k, v]) => `${k}（${v}）`).join('、')}。`,
  unknownLedgerKind: (kind: string) => `没有台账类型“${kind}”。`,
  noSuchVillage: (village: string) => `工作区中没有“${village}”的记录。`,
  tooLarge: '导出的文件超过 4 GB，无法写成一个 Excel 文件。请按村分别导出。',
  sheetTooLarge: (sheet: string) => `工作表“${sheet}”超过 4 GB，无法写成一个 Excel 文件。请按村分别导出。`,
  nothingImported: (ledgerLabel: string | null) => `没有导入${ledgerLabel ?? '任何台账'}。`,
} as const;

export const FILE_NAMES = {
  suffix: (village: string | null, fullIds: boolean, stamp: string) => `${village ? `-${village}` : ''}${fullIds ? '-内部完整版' : ''}-${stamp}`,
  ledger: (base: string, suffix: string) => `${base}（已更正${suffix}）.xlsx`,
  issues: (suffix: string) => `问题清单${suffix}.xlsx`,
  verify: (suffix: string) => `入户核实表${suffix}.xlsx`,
  readiness: (suffix: string) => `普查迎检准备情况${suffix}.xlsx`,
  notice: (suffix: string) => `公示名单${suffix}.xlsx`,
} as const;
