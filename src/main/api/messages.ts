import type { ImportReport } from '../import/commitImport';

/** What the desk's calls tell the clerk, in one place. */

export const API_MESSAGES = {
  noWorkspace: '请先打开或新建一个工作区。',
  nameAWorkspace: '请先填写或打开一个工作区。',
  noSuchBackup: (name: string) => `没有备份“${name}”。`,
  chooseBulkAction: '请选择以哪本台账为准，或填写统一的新值。',
  uploadTooBig: (name: string, limitMb: number) => `文件“${name}”超过上限 ${limitMb} MB。`,
  imported: (report: ImportReport, carried: string | null) =>
    `${report.kindLabel}：导入 ${report.rowsImported} 行${report.skipped.length ? `，跳过 ${report.skipped.length} 行` : ''}` +
    `${report.replaced ? `（替换上次导入：新增 ${report.replaced.added}，删除 ${report.replaced.removed}，变化 ${report.replaced.changed}）` : ''}` +
    `${carried ? `；${carried}` : ''}`,
  recognisedAs: (kindLabel: string) => `识别为${kindLabel}`,
  noSuchPerson: (household: boolean, key: string) => `找不到${household ? '户' : '人员'}“${key}”。`,
  householdTitle: (name: string) => `${name}户`,
  noSuchLedger: (sourceId: number) => `找不到台账 ${sourceId}。`,
  internal: '程序内部错误，已记录。请重试；如反复出现，请把工作区和操作步骤交给技术人员。',
  internalLog: (context: string, detail: string) => `内部错误（${context}）：${detail}\n`,
} as const;
