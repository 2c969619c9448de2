/** Where in a user's file something went wrong; every user-facing error names as much of it as is known. */
export interface FileLocation {
  file?: string;
  sheet?: string;
  /** 1-based row number as the spreadsheet shows it. */
  row?: number;
  /** Column letter as the spreadsheet shows it (A, B, …, AA). */
  column?: string;
}

export function columnLetter(index0: number): string {
  let n = index0 + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** "文件“a.xlsx”，工作表“一村”，第 5 行，D 列" */
export function describeLocation(loc: FileLocation): string {
  const parts: string[] = [];
  if (loc.file !== undefined) parts.push(`文件“${loc.file}”`);
  if (loc.sheet !== undefined) parts.push(`工作表“${loc.sheet}”`);
  if (loc.row !== undefined) parts.push(`第 ${loc.row} 行`);
  if (loc.column !== undefined) parts.push(`${loc.column} 列`);
  return parts.join('，');
}
