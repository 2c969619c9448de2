import { maskId } from '../../shared/domain/idNumber';
import type { Db } from '../workspace/workspace';
import { listHouseholds } from './households';
import { maskIdsIn } from './masking';
import { CREATOR } from './messages';
import { bodyRow, headerRow, printSetup, titleRow, loadExcelJs } from './sheetStyle';

export interface NoticeOptions {
  village: string | null;
  /** Digits of the ID kept at the start and end; never more than 6 + 4 (the birth date stays hidden). */
  keepHead: number;
  keepTail: number;
}

const COLUMNS = [{ label: '序号', width: 6 }, { label: '组', width: 10 }, { label: '户主姓名', width: 10 }, { label: '身份证号', width: 22 },
  { label: '家庭人口数', width: 10 }, { label: '类别', width: 16 }, { label: '原因', width: 18 }, { label: '时间', width: 12 }];

/**
 * 公示 list, one sheet per village: the minimal columns of DOMAIN.md §8, the head's ID always masked, and nothing about
 * phone, health or disability. Households are those the national export (or a roll ledger) lists.
 */
export async function writeNotice(db: Db, file: string, options: NoticeOptions): Promise<number> {
  const households = listHouseholds(db, { village: options.village });
  const wb = new (await loadExcelJs()).Workbook();
  wb.creator = CREATOR;
  const villages = [...new Set(households.map((h) => h.village))].sort();
  for (const village of villages) {
    const list = households.filter((h) => h.village === village);
    const ws = wb.addWorksheet(village.slice(0, 31));
    titleRow(ws, `${village}脱贫户和监测对象名单公示`, COLUMNS.length);
    headerRow(ws, 2, COLUMNS);
    list.forEach((h, i) => {
      const category = h.value('monitor_category') ?? h.value('poverty_attr') ?? '';
      const reason = h.value('risk_type') ?? h.value('poverty_cause') ?? '';
      const year = h.value('exit_year') ?? h.value('first_year') ?? (h.value('identified_at')?.slice(0, 4) ?? '');
      bodyRow(ws, i + 3, [i + 1, h.group, h.headName, h.headId.length === 18 ? maskId(h.headId, options.keepHead, options.keepTail) : maskIdsIn(h.headId),
        h.value('household_size') ?? h.members.length, category, reason, year === '' ? '' : `${year}年`]);
    });
    const footer = list.length + 4;
    ws.mergeCells(footer, 1, footer, COLUMNS.length);
    ws.getCell(footer, 1).value = '公示期：    年  月  日至    年  月  日。如有异议，请在公示期内向村委会或乡镇人民政府反映。监督电话：';
    printSetup(ws, 'portrait', '2:2');
  }
  await wb.xlsx.writeFile(file);
  return households.length;
}
