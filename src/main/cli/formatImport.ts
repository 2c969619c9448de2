import { FIELD_BY_KEY } from '../../shared/domain/fields';
import { columnLetter } from '../../shared/errors';
import { carriedSummary } from '../corrections/carryCorrections';
import type { ImportReport } from '../import/commitImport';
import type { ImportPreview } from '../import/previewImport';

const MAX_LISTED = 10;

function formatColumns(columns: ImportReport['sheets'][number]['columns']): string[] {
  return columns.map((c) => {
    const field = c.field === null ? '（不导入）' : (FIELD_BY_KEY.get(c.field)?.label ?? c.field);
    return `    ${columnLetter(c.index)} ${c.header || '（空表头）'} → ${field}`;
  });
}

/** What an import would store: kind (with the runners-up), header rows, mapping and the first normalised rows. */
export function formatPreview(p: ImportPreview): string {
  const lines = [`文件：${p.fileName}`, `  格式：${p.format}${p.encoding ? `，编码 ${p.encoding}` : ''}`];
  const others = p.kindGuesses.slice(1, 3).filter((g) => g.score > 0).map((g) => g.kind).join('、');
  lines.push(`  台账类型：${p.kindLabel}（${p.kind}）${p.usedTemplate ? '，按已保存的映射模板' : ''}${others ? `；其他可能：${others}` : ''}`);
  for (const s of p.sheets) {
    lines.push(`  工作表“${s.sheet}”：表头第 ${s.headerRows[0] === s.headerRows[1] ? s.headerRows[0] : s.headerRows.join('–')} 行${s.village ? `，村：${s.village}` : ''}`);
    lines.push('  列映射：', ...formatColumns(s.columns));
    for (const w of s.warnings) lines.push(`  注意：${w}`);
    lines.push('  前几行（规范化后）：');
    for (const r of s.sample) {
      const shown = Object.entries(r.values).filter(([, v]) => v !== null).map(([k, v]) => `${FIELD_BY_KEY.get(k)?.label ?? k}=${String(v)}`);
      lines.push(`    第 ${r.row} 行：${shown.join('，')}`);
    }
  }
  for (const s of p.skippedSheets) lines.push(`  工作表“${s.sheet}”未导入：${s.reason}`);
  lines.push('（仅预览，未写入工作区。确认无误后用 import 导入；可用 --kind、--map、--header-row 更正。）');
  return lines.join('\n');
}

/** The clerk-readable summary of one import: what was read, how it was understood, what was left out. */
export function formatImportReport(r: ImportReport): string {
  const lines: string[] = [];
  lines.push(`文件：${r.fileName}`);
  lines.push(`  格式：${r.format}${r.encoding ? `，编码 ${r.encoding}` : ''}`);
  lines.push(`  台账类型：${r.kindLabel}（${r.kind}）`);
  for (const s of r.sheets) {
    const [top, bottom] = s.headerRows;
    lines.push(`  工作表“${s.name}”：表头第 ${top === bottom ? top : `${top}–${bottom}`} 行，导入 ${s.rows} 行${s.village ? `，村：${s.village}` : ''}`);
  }
  for (const s of r.skippedSheets) lines.push(`  工作表“${s.sheet}”未导入：${s.reason}`);
  const first = r.sheets[0];
  if (first) lines.push('  列映射：', ...formatColumns(first.columns));
  for (const w of r.warnings) lines.push(`  注意：${w}`);
  lines.push(`  共导入 ${r.rowsImported} 行，跳过 ${r.skipped.length} 行`);
  const byReason = new Map<string, typeof r.skipped>();
  for (const s of r.skipped) byReason.set(s.reason, [...(byReason.get(s.reason) ?? []), s]);
  for (const [reason, rows] of byReason) {
    const listed = rows.slice(0, MAX_LISTED).map((s) => `${s.sheet}!${s.column ?? ''}${s.row}`).join('、');
    lines.push(`    ${reason}：${rows.length} 行（${listed}${rows.length > MAX_LISTED ? ' 等' : ''}）`);
  }
  if (r.replaced) {
    const { added, removed, changed } = r.replaced;
    lines.push(`  已替换此前导入的同一台账：新增 ${added} 人，删除 ${removed} 人，变更 ${changed} 人`);
  }
  if (r.carried) {
    lines.push(`  ${carriedSummary(r.carried)}`);
    for (const n of r.carried.notCarried.slice(0, MAX_LISTED)) lines.push(`    未沿用：${n.name ?? '（无姓名）'} ${FIELD_BY_KEY.get(n.field)?.label ?? n.field}，${n.reason}`);
    if (r.carried.notCarried.length > MAX_LISTED) lines.push(`    …… 另有 ${r.carried.notCarried.length - MAX_LISTED} 处`);
  }
  return lines.join('\n');
}
