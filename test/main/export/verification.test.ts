import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeVerifyKey, VERIFY_INPUT_COLUMN, VERIFY_KEY_COLUMN, VERIFY_NOTE_COLUMN } from '../../../src/shared/domain/verification';
import { importVerification } from '../../../src/main/corrections/verificationImport';
import { computeReadiness } from '../../../src/main/export/readiness';
import { runExport } from '../../../src/main/export/runExport';
import type { Db } from '../../../src/main/workspace/workspace';
import { checkedSampleCopy, tempDir } from '../../helpers';

interface Household { key: string; size: number; nationalId: number; issueKey: string; issueRowid: number }

/** Fill cells of an exported sheet as a verifier would: by the hidden key of each row. */
async function fill(file: string, answers: (key: string, ws: ExcelJS.Worksheet) => [string, string] | null): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  wb.eachSheet((ws) => ws.eachRow((row) => {
    const key = String(row.getCell(VERIFY_KEY_COLUMN).value ?? '');
    const answer = key ? answers(key, ws) : null;
    if (!answer) return;
    row.getCell(VERIFY_INPUT_COLUMN).value = answer[0];
    row.getCell(VERIFY_NOTE_COLUMN).value = answer[1];
  }));
  const out = path.join(tempDir(), '已填写.xlsx');
  await wb.xlsx.writeFile(out);
  return out;
}

describe('入户核实表: printed, filled in the field, read back', () => {
  let db: Db;
  let h: Household;
  let file: string;

  beforeAll(async () => {
    ({ db } = checkedSampleCopy());
    // A household with an open issue whose national record holds the household size.
    h = db.prepare(`SELECT i.household_key AS key, r.household_size AS size, r.id AS nationalId, i.key AS issueKey, i.rowid AS issueRowid
      FROM issues i JOIN records r ON r.household_key = i.household_key JOIN sources s ON s.id = r.source_id AND s.kind = 'national'
      WHERE i.status = 'open' AND i.rule LIKE 'labour.%' AND r.household_size IS NOT NULL LIMIT 1`).get() as Household;
    const { files } = await runExport(db, { what: 'verify', household: h.key, outDir: tempDir() });
    file = files[0] ?? '';
  });

  it('prints one household with ledger values, the checklist, its issues and signature lines, IDs masked', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets).toHaveLength(1);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    const text = ws.getSheetValues().flat().map((v) => String(v ?? '')).join('\n');
    for (const needle of ['入户核实表', '核实值', '不愁吃', '饮水安全有保障', '核实结论', '户主（签字）', '核实人1', '村干部']) expect(text).toContain(needle);
    expect(text).not.toMatch(/\d{17}[\dX]/);
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'portrait', printTitlesRow: '1:2' });
    expect(ws.getColumn(VERIFY_KEY_COLUMN).hidden).toBe(true);
  });

  it('turns each differing 核实值 into a correction in every ledger, records the checklist and updates the issue', async () => {
    const filled = await fill(file, (key) => {
      const k = decodeVerifyKey(key);
      if (k?.kind === 'cell' && k.field === 'household_size' && k.recordId === h.nationalId) return [String(h.size + 1), '新生儿未登记'];
      if (k?.kind === 'check') return ['是', ''];
      if (k?.kind === 'issue' && k.issueId === h.issueRowid) return ['不属实', '已外出务工，能劳动'];
      return null;
    });
    const result = importVerification(db, filled);
    expect(result.checks).toBe(6);
    expect(result.corrections).toBeGreaterThanOrEqual(2);
    const sizes = db.prepare(`SELECT DISTINCT r.household_size AS v FROM records r JOIN sources s ON s.id = r.source_id
      WHERE r.household_key = ? AND s.kind IN ('national', 'card', 'village', 'township') AND r.household_size IS NOT NULL`).all(h.key) as { v: number }[];
    expect(sizes).toEqual([{ v: h.size + 1 }]);
    expect(db.prepare('SELECT reason FROM correction_batches ORDER BY id DESC LIMIT 1').get()).toEqual({ reason: '入户核实' });
    expect(db.prepare('SELECT status, status_reason FROM issues WHERE key = ?').get(h.issueKey))
      .toEqual({ status: 'confirmed', status_reason: '入户核实：不属实（已外出务工，能劳动）' });
    const readiness = computeReadiness(db).households.find((r) => r.key === h.key);
    expect(readiness?.items).toMatchObject({ food: 'ok', clothing: 'ok' });
  });

  it('refuses a sheet with an answer it cannot read, naming the sheet, row and column, and changes nothing', async () => {
    const state = (): string => ['corrections', 'correction_batches', 'verifications', 'issue_history']
      .map((t) => JSON.stringify(db.prepare(`SELECT count(*), max(rowid) FROM ${t}`).get())).join() +
      JSON.stringify(db.prepare('SELECT key, status FROM issues ORDER BY key').all());
    const before = state();
    const filled = await fill(file, (key) => (decodeVerifyKey(key)?.kind === 'issue' ? ['大概吧', ''] : decodeVerifyKey(key)?.kind === 'check' ? ['是', ''] : null));
    expect(() => importVerification(db, filled)).toThrow(/工作表“.+”，第 \d+ 行，E 列：核实结论应填 属实、不属实、已整改 之一/);
    expect(state()).toBe(before);
    const notOurs = path.join(tempDir(), '别的表.xlsx');
    fs.copyFileSync(file, notOurs);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').getCell('A1').value = '姓名';
    await wb.xlsx.writeFile(notOurs);
    expect(() => importVerification(db, notOurs)).toThrow('找不到核实表的编号列');
  });
});
