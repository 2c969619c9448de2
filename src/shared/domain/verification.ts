/**
 * The 入户核实表 layout shared by its writer and its reader: seven columns, the clerk writes in E (核实值 / 核实结果 /
 * 核实结论) and F (备注); G holds a hidden key that ties the row back to a record cell, a checklist item or an issue.
 * Keys are row numbers of the workspace, never ID numbers: the sheet is printed with IDs masked.
 */
export const VERIFY_INPUT_COLUMN = 5;
export const VERIFY_NOTE_COLUMN = 6;
export const VERIFY_KEY_COLUMN = 7;

export type VerifyKey =
  | { kind: 'cell'; recordId: number; field: string }
  | { kind: 'check'; recordId: number; item: string }
  | { kind: 'issue'; issueId: number };

export function encodeVerifyKey(key: VerifyKey): string {
  if (key.kind === 'cell') return `R|${key.recordId}|${key.field}`;
  if (key.kind === 'check') return `C|${key.item}|${key.recordId}`;
  return `I|${key.issueId}`;
}

export function decodeVerifyKey(text: string): VerifyKey | null {
  const cell = /^R\|(\d+)\|([a-z_]+)$/.exec(text);
  if (cell) return { kind: 'cell', recordId: Number(cell[1]), field: cell[2] ?? '' };
  const check = /^C\|([^|]+)\|(\d+)$/.exec(text);
  if (check) return { kind: 'check', item: check[1] ?? '', recordId: Number(check[2]) };
  const issue = /^I\|(\d+)$/.exec(text);
  if (issue) return { kind: 'issue', issueId: Number(issue[1]) };
  return null;
}

/** The 两不愁三保障 + 饮水 checklist. */
export const CHECKLIST = ['不愁吃', '不愁穿', '义务教育有保障', '基本医疗有保障', '住房安全有保障', '饮水安全有保障'] as const;
