import type ExcelJS from 'exceljs';
import { READINESS_ITEMS, READINESS_STATES, type ReadinessState } from '../../shared/domain/readiness';
import { RULE_FAMILIES, SEVERITIES } from '../../shared/domain/rules';
import type { Db } from '../workspace/workspace';
import { computeReadiness } from './readiness';
import { CREATOR } from './messages';
import { BAD_FILL, bodyRow, headerRow, OK_FILL, printSetup, titleRow, UNKNOWN_FILL, loadExcelJs } from './sheetStyle';

const FILLS: Record<ReadinessState, ExcelJS.Fill> = { ok: OK_FILL, fail: BAD_FILL, unknown: UNKNOWN_FILL };

/**
 * 普查/迎检准备情况: one row per household with a green/red cell per item and its open-issue counts, and a per-village
 * summary (pass rates, open issues by family, 帮扶责任人, last field verification).
 */
export async function writeReadiness(db: Db, file: string, village: string | null): Promise<number> {
  const { households, villages } = computeReadiness(db, village);
  const wb = new (await loadExcelJs()).Workbook();
  wb.creator = CREATOR;

  const summary = wb.addWorksheet('分村汇总');
  const families = Object.keys(RULE_FAMILIES) as (keyof typeof RULE_FAMILIES)[];
  const summaryColumns = [{ label: '村', width: 12 }, { label: '户数', width: 8 },
    ...READINESS_ITEMS.map((i) => ({ label: `${i.label}达标率`, width: 11 })),
    ...families.flatMap((f) => [{ label: `${RULE_FAMILIES[f]}·${SEVERITIES.error}`, width: 10 }, { label: `${RULE_FAMILIES[f]}·${SEVERITIES.warning}`, width: 10 }]),
    { label: '帮扶责任人', width: 30 }, { label: '最近入户核实', width: 14 }];
  titleRow(summary, `${village ?? ''}普查迎检准备情况（分村）`, summaryColumns.length);
  headerRow(summary, 2, summaryColumns);
  villages.forEach((v, i) => {
    const count = (f: string, s: string): number => v.openByFamily.find((o) => o.family === f && o.severity === s)?.count ?? 0;
    bodyRow(summary, i + 3, [v.village, v.households,
      ...READINESS_ITEMS.map((item) => { const r = v.passRate[item.id]; return r === null ? '无数据' : `${(r * 100).toFixed(1)}%`; }),
      ...families.flatMap((f) => [count(f, 'error'), count(f, 'warning')]), v.helpers.join('、'), v.lastVerification ?? '未核实']);
  });
  printSetup(summary, 'landscape', '2:2');

  const ws = wb.addWorksheet('逐户情况', { views: [{ state: 'frozen', ySplit: 2 }] });
  const columns = [{ label: '序号', width: 6 }, { label: '村', width: 10 }, { label: '组', width: 8 }, { label: '户编号', width: 14 },
    { label: '户主', width: 8 }, { label: '人口', width: 6 }, ...READINESS_ITEMS.map((i) => ({ label: i.label, width: 9 })),
    { label: '待处理严重问题', width: 10 }, { label: '待处理疑点', width: 10 }];
  titleRow(ws, `${village ?? ''}普查迎检准备情况（逐户）`, columns.length);
  headerRow(ws, 2, columns);
  households.forEach((h, i) => {
    bodyRow(ws, i + 3, [i + 1, h.village, h.group, h.householdNo, h.headName, h.size ?? '',
      ...READINESS_ITEMS.map((item) => READINESS_STATES[h.items[item.id]]), h.openErrors, h.openWarnings]);
    READINESS_ITEMS.forEach((item, k) => { ws.getCell(i + 3, 7 + k).fill = FILLS[h.items[item.id]]; });
  });
  printSetup(ws, 'landscape', '2:2');
  await wb.xlsx.writeFile(file);
  return households.length;
}
