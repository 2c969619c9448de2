import { MAX_CELL_CHARS } from '../import/sheetGrid';

/** What corrections tell the clerk, in one place; reasons and notes are also what the audit trail shows. */

/** Operator name recorded when none is set. */
export const NO_OPERATOR = '未设置操作员';

export const CORRECTION_MESSAGES = {
  noOperator: '请先在“设置”中填写操作员姓名：每条修改都要记录修改人。',
  noReason: '请填写修改原因（如 入户核实、部门数据、录入错误）。',
  noSuchField: (field: string) => `没有可修改的字段“${field}”。`,
  tooLong: (chars: number) => `内容有 ${chars} 个字符，超过 Excel 单元格的上限 ${MAX_CELL_CHARS} 个：导出的台账将无法在 Excel 中打开。请缩短后再保存。`,
  invalidValue: (text: string, label: string) => `“${text}”不是有效的${label}。`,
  invalidId: (text: string) => `“${text}”不是有效的18位身份证号码（请核对位数和校验码）。`,
  noSuchRecords: (ids: readonly number[]) => `找不到记录 ${ids.join('、')}。`,
  noSuchColumn: (fileName: string, sheet: string, row: number, label: string) => `${fileName}（工作表“${sheet}”第 ${row} 行）没有“${label}”列，无法修改。`,
  nothingToUndo: '没有可以撤销的修改。',
  nothingToRedo: '没有可以重做的修改。',
  carriedSummary: (applied: number, alreadyInFile: number, notCarried: number) => `此前的修改：沿用 ${applied} 处` +
    (alreadyInFile > 0 ? `，新文件已是更正后的值 ${alreadyInFile} 处` : '') + (notCarried > 0 ? `，未沿用 ${notCarried} 处` : ''),
  notAVerificationSheet: '无法读取该文件，请确认它是本软件导出的入户核实表（.xlsx）。',
  noVerificationKeys: '文件中找不到核实表的编号列（隐藏的 G 列），请使用本软件导出的入户核实表填写后再导入。',
  recordGone: (where: string) => `${where}：对应的台账记录已不存在（台账可能已重新导入），未处理。`,
  householdGone: (where: string) => `${where}：对应的户已不存在（台账可能已重新导入），未处理。`,
  issueGone: (where: string) => `${where}：对应的问题已不存在，未处理。`,
  notYesNo: (where: string, input: string) => `${where}：核实结果应填“是”或“否”，收到“${input}”。`,
  notAVerdict: (where: string, verdicts: readonly string[], input: string) => `${where}：核实结论应填 ${verdicts.join('、')} 之一，收到“${input}”。`,
} as const;

/** Why a correction was made, as the audit trail records it. */
export const CORRECTION_REASONS = {
  undo: '撤销',
  redo: '重做',
  carried: '重新导入沿用',
  carriedNote: (fileName: string) => `重新导入《${fileName}》后沿用此前的修改`,
  verified: '入户核实',
  verifiedNote: (fileName: string) => `入户核实表：${fileName}`,
  verdict: (verdict: string, note: string) => `入户核实：${verdict}${note ? `（${note}）` : ''}`,
} as const;

/** Why an issue was left out of a bulk correction. */
export const BULK_SKIPS = {
  noIssue: '找不到该问题',
  notOneField: '该问题不针对某一字段，请逐条处理',
  ledgerNotInvolved: '该问题没有涉及所选台账',
} as const;

/** Why a correction to a replaced file did not carry over to the new one. */
export const NOT_CARRIED = {
  severalRows: '新文件中有多行同一人',
  missing: '新文件中没有此人或此列',
  changed: (now: string) => `新文件中的值已改为“${now}”`,
} as const;

/** How the audit trail names each kind of change. */
export const CORRECTION_ACTIONS = { edit: '修改', undo: '撤销', redo: '重做' } as const;
