import { SCAN_ROWS } from './findHeader';
import { MAX_CELL_CHARS, MAX_ROWS } from './sheetGrid';

/** What the import tells the clerk, in one place: every message names what is wrong and what to do about it. */

export const FORMAT_LABELS = {
  xlsx: 'Excel 2007 及以上（.xlsx，ZIP）',
  xls: 'Excel 97-2003 / WPS（.xls/.et，OLE2）',
  csv: 'CSV 文本',
  html: '网页表格（系统导出的 .xls）',
} as const;

/** A sheet SheetJS cannot hold: V8 holds a string of at most about 5 × 10^8 characters. */
const TOO_LARGE = '表格过大，超过本软件一次能读取的大小（工作表解压后约 5 亿个字符）。请按村或乡镇拆分成几个文件后再导入。';

export const IMPORT_MESSAGES = {
  fileMissing: '找不到文件或无法读取。',
  notAFile: '这不是一个文件。',
  fileTooBig: (mb: number, limitMb: number) => `文件大小 ${mb} MB，超过上限 ${limitMb} MB。`,
  emptyFile: '文件是空的（0 字节）。',
  brokenZip: '文件像是损坏的压缩包（ZIP），无法作为 Excel 文件读取。',
  notSpreadsheet: '这不是电子表格文件（无法识别的二进制格式），请导入 .xlsx、.xls、.et 或 .csv 文件。',
  encrypted: '工作簿已加密（设置了打开密码），请在 Excel 或 WPS 中取消密码后另存再导入。',
  damaged: (detail: string) => `文件已损坏或不是有效的电子表格，无法读取（${detail}）。`,
  unreadable: (detail: string) => `无法读取此文件（${detail}）。`,
  fileTooLarge: `无法读取此文件：${TOO_LARGE}`,
  sheetTooLarge: `无法读取此工作表：${TOO_LARGE}`,
  noSheets: '工作簿中没有工作表。',
  tooManyLines: (lines: number) => `文件有 ${lines} 行，超过 Excel 的上限 ${MAX_ROWS} 行，请按村拆分后再导入。`,
  tooManyRows: (rows: number) => `工作表有 ${rows} 行，超过 Excel 的上限 ${MAX_ROWS} 行，文件可能已损坏。`,
  changedSinceRead: '文件在读取后发生了变化，请重新导入。',
  readerOutOfMemory: (mb: number) => `读取时内存不足（上限 ${mb} MB）：文件过大或已损坏。请把它拆成几个较小的文件再导入。`,
  unknownField: (value: string) => `不认识的字段“${value}”，请使用字段名（如 id_number）或中文名称（如 证件号码）。`,
  duplicateColumn: (column: string, header: string, field: string) => `${column} 列“${header}”与前面的列重复（${field}），未导入该列`,
  noPersonColumn: '没有找到姓名列或证件号码列，无法识别人员。请在映射中指定哪一列是“姓名”或“证件号码”。',
  noHeader: `未找到可识别的表头：表格前 ${SCAN_ROWS} 行中没有同时包含“姓名”“证件号码”等列名的行。`,
  sheetWarning: (sheet: string, warning: string) => `工作表“${sheet}”：${warning}`,
} as const;

/** Why a sheet or a row was left out, as the import report lists it. */
export const SKIP_REASONS = {
  noHeader: '未找到表头',
  footer: '合计或签字行',
  repeatedHeader: '重复的表头行',
  cellTooLong: `单元格超过 ${MAX_CELL_CHARS} 个字符`,
  noPerson: '没有姓名和证件号码',
} as const;
