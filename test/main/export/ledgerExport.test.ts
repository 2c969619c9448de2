import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { readCells } from '../../../src/main/corrections/cells';
import { correctedCells } from '../../../src/main/corrections/correctionLog';
import { adoptValue, correctRecords } from '../../../src/main/corrections/corrections';
import { listExports } from '../../../src/main/export/exportLog';
import { runExport } from '../../../src/main/export/runExport';
import { listSources, type SourceRow } from '../../../src/main/import/store';
import type { Db } from '../../../src/main/workspace/workspace';
import { checkedSampleCopy, tempDir } from '../../helpers';
import { readSheets, throughLibreOffice } from '../../libreoffice';

const sameText = (a: string, b: string): boolean => a.trim() === b.trim() || (a.trim() !== '' && Number(a) === Number(b));

describe('a corrected ledger exported in its original layout', () => {
  let db: Db;
  let source: SourceRow;
  let readBack: Map<string, string[][]>;
  let corrected: number[];
  let exported: string;
  let converted: string;

  beforeAll(async () => {
    ({ db } = checkedSampleCopy());
    // The roll ledger with the most merged cells: title rows, multi-row headers and household blocks.
    source = listSources(db).filter((s) => s.kind === 'card' || s.kind === 'village' || s.kind === 'township')
      .sort((a, b) => b.sheets.reduce((n, s) => n + s.merges.length, 0) - a.sheets.reduce((n, s) => n + s.merges.length, 0))[0] as SourceRow;
    const issue = db.prepare(`SELECT records FROM issues WHERE rule = 'ledger.sex_diff' AND status = 'open' AND records LIKE ?`)
      .get(`%"file":"${source.fileName}"%`) as { records: string } | undefined;
    const refs = JSON.parse(issue?.records ?? '[]') as { id: number; source: string }[];
    const national = refs.find((r) => r.source === 'national');
    if (national) adoptValue(db, national.id, 'sex', { reason: '系统数据为准' });
    const member = db.prepare('SELECT id FROM records WHERE source_id = ? AND household_size IS NOT NULL ORDER BY id DESC LIMIT 1').get(source.id) as { id: number };
    correctRecords(db, [member.id], 'household_size', '9', { reason: '入户核实', note: '测试' });
    corrected = (db.prepare(`SELECT DISTINCT c.record_id AS id FROM corrections c JOIN records r ON r.id = c.record_id WHERE r.source_id = ?`)
      .all(source.id) as { id: number }[]).map((r) => r.id);
    const { files } = await runExport(db, { what: 'ledger', ledger: source.kind, outDir: tempDir(), fullIds: true });
    const file = files.find((f) => path.basename(f).startsWith(source.fileName.replace(/\.[^.]+$/, '')));
    if (!file) throw new Error('the ledger was exported');
    exported = file;
    converted = throughLibreOffice(file);
    readBack = readSheets(converted);
  });

  it('keeps the sheets, title rows, header rows and column order, with a 修改记录 sheet', () => {
    expect([...readBack.keys()]).toEqual([...source.sheets.map((s) => s.name), '修改记录']);
    for (const sheet of source.sheets) {
      const rows = readBack.get(sheet.name) ?? [];
      sheet.preamble.forEach((cells, r) => cells.forEach((text, c) => {
        if (text.trim() !== '') expect(rows[r]?.[c]?.trim(), `${sheet.name} ${r + 1}:${c + 1}`).toBe(text.trim());
      }));
    }
    const log = readBack.get('修改记录') ?? [];
    expect(log[0]).toEqual(expect.arrayContaining(['原值', '新值', '修改原因', '修改人']));
    expect(log.length - 1).toBeGreaterThanOrEqual(corrected.length);
  });

  it('holds the current value of every cell: the import plus the corrections, IDs as text', () => {
    expect(corrected.length).toBeGreaterThan(1);
    let compared = 0;
    const wrong: string[] = [];
    for (const sheet of source.sheets) {
      const rows = readBack.get(sheet.name) ?? [];
      const merged = new Set(sheet.merges.flatMap(([r0, c0, r1, c1]) => {
        const cells: string[] = [];
        for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) if (r !== r0 || c !== c0) cells.push(`${r}:${c}`);
        return cells;
      }));
      const records = db.prepare('SELECT id, row_number FROM records WHERE source_id = ? AND sheet = ?').all(source.id, sheet.name) as { id: number; row_number: number }[];
      for (const column of sheet.columns) {
        if (!column.field || column.field === 'seq') continue;
        const cells = new Map(readCells(db, records.map((r) => r.id), column.field).map((c) => [c.recordId, c]));
        for (const r of records) {
          if (merged.has(`${r.row_number - 1}:${column.index}`)) continue;
          const expected = cells.get(r.id)?.text ?? '';
          const actual = rows[r.row_number - 1]?.[column.index] ?? '';
          if (!sameText(actual, expected)) wrong.push(`${sheet.name}!${r.row_number} ${column.header}: ${actual} ≠ ${expected}`);
          compared++;
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(compared).toBeGreaterThan(1000);
    const ids = readBack.get(source.sheets[0]?.name ?? '')?.flat().filter((t) => /^\d{17}[\dX]$/.test(t)) ?? [];
    expect(ids.length).toBeGreaterThan(10);
  });

  it('fills corrected cells yellow with the old value in a note, keeps the merges and freezes the header rows', async () => {
    const wb = new (await import('exceljs')).default.Workbook();
    await wb.xlsx.readFile(exported);
    const at = db.prepare('SELECT sheet, row_number FROM records WHERE id = ?');
    const cells = [...correctedCells(db, source.id)].flatMap(([id, fields]) => [...fields.keys()].map((field) => ({
      ...(at.get(id) as { sheet: string; row_number: number }), field,
    })));
    expect(cells.length).toBeGreaterThan(1);
    let seen = 0;
    for (const c of cells) {
      const summary = source.sheets.find((s) => s.name === c.sheet);
      const column = summary?.columns.find((col) => col.field === c.field);
      // A cell covered by a merge shows its merge's first cell.
      const covered = summary?.merges.some(([r0, c0, r1, c1]) => c.row_number - 1 >= r0 && c.row_number - 1 <= r1
        && (column?.index ?? -1) >= c0 && (column?.index ?? -1) <= c1 && !(c.row_number - 1 === r0 && column?.index === c0));
      if (covered) continue;
      seen++;
      const cell = wb.getWorksheet(c.sheet)?.getCell(c.row_number, (column?.index ?? 0) + 1);
      expect(cell?.fill, `${c.sheet}!${c.row_number} ${c.field}`).toMatchObject({ pattern: 'solid', fgColor: { argb: 'FFFFFF00' } });
      const note = cell?.note;
      expect(typeof note === 'string' ? note : note?.texts?.map((t) => t.text).join('')).toMatch(/^原值：[\s\S]*\n修改原因：/);
    }
    expect(seen).toBeGreaterThan(0);
    // LibreOffice read the notes and merges too: they survive its conversion.
    const lo = XLSX.read(fs.readFileSync(converted), { type: 'buffer', cellStyles: true });
    const first = source.sheets[0];
    const loSheet = first ? lo.Sheets[first.name] : undefined;
    expect(loSheet?.['!merges']?.length).toBe(first?.merges.length);
    const noted = Object.values(lo.Sheets).flatMap((ws) => Object.values(ws ?? {}).filter((v): v is XLSX.CellObject => typeof v === 'object' && v !== null && 'c' in v));
    expect(noted.length).toBe(seen);
    for (const sheet of source.sheets) {
      expect(wb.getWorksheet(sheet.name)?.views[0]).toMatchObject({ state: 'frozen', ySplit: sheet.headerRows[1] });
    }
  });

  it('records the export in the workspace log, and leaves no temporary file behind', () => {
    const [last] = listExports(db);
    expect(last).toMatchObject({ what: 'ledger', fullIds: true });
    expect(last?.rows).toBeGreaterThan(0);
    const dir = tempDir();
    return runExport(db, { what: 'issues', outDir: dir }).then(({ files }) => {
      expect(fs.readdirSync(dir)).toEqual(files.map((f) => path.basename(f)));
    });
  });
});
