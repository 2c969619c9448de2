import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LedgerKindId } from '../../../src/shared/domain/ledgerKinds';
import type { ImportReport } from '../../../src/main/import/commitImport';
import { importFile } from '../../../src/main/import/importFile';
import type { GroundTruth } from '../../../src/main/sample/generateSample';
import type { Db } from '../../../src/main/workspace/workspace';
import { groundTruth, sampleDir, tempWorkspace } from '../../helpers';

type Row = Record<string, string | number | null>;

describe('importing the generated township in every layout and encoding', () => {
  let db: Db;
  let truth: GroundTruth;
  const reports = new Map<string, ImportReport>();
  const rowsOf = (kind: LedgerKindId): Row[] =>
    db.prepare('SELECT r.* FROM records r JOIN sources s ON s.id = r.source_id WHERE s.kind = ? ORDER BY r.id').all(kind) as Row[];
  const count = (rule: string): number => truth.defects.filter((d) => d.rule === rule).length;

  beforeAll(() => {
    truth = groundTruth();
    db = tempWorkspace().db;
    for (const f of truth.files) reports.set(f.file, importFile(db, path.join(sampleDir(), f.file)));
  });

  it('detects the ledger kind of every file from its headers and name', () => {
    for (const f of truth.files) expect([f.file, reports.get(f.file)?.kind]).toEqual([f.file, f.kind]);
  });

  it('reports format and encoding from the bytes, not the extension', () => {
    const byKind = (k: LedgerKindId) => [...reports.values()].find((r) => r.kind === k);
    expect(byKind('township')?.format).toMatch(/OLE2/);
    expect(byKind('village')?.format).toMatch(/OLE2/);
    expect(byKind('card')?.format).toMatch(/ZIP/);
    expect(byKind('police')?.encoding).toBe('GB18030');
    expect(byKind('civil')?.encoding).toBe('UTF-8 (BOM)');
    expect(byKind('medical')?.encoding).toBe('UTF-8');
  });

  it('imports one record per person row, skipping titles, headers, totals and signatures', () => {
    const villages = truth.villages.length;
    expect(rowsOf('national')).toHaveLength(truth.persons);
    expect(rowsOf('card')).toHaveLength(truth.persons + count('ledger.extra'));
    expect(rowsOf('village')).toHaveLength(truth.persons - count('ledger.missing'));
    expect(rowsOf('township')).toHaveLength(truth.persons);
    const file = (k: LedgerKindId) => truth.files.find((f) => f.kind === k);
    expect(rowsOf('card')).toHaveLength((file('card')?.rows ?? 0) - 4 - 2);
    expect(rowsOf('village')).toHaveLength((file('village')?.rows ?? 0) - villages * 5);
    for (const kind of ['police', 'civil', 'medical', 'disability', 'education', 'housing', 'water', 'labor', 'forestry', 'fourtypes'] as const) {
      expect([kind, rowsOf(kind).length]).toEqual([kind, (file(kind)?.rows ?? 0) - 1]);
    }
    const card = [...reports.values()].find((r) => r.kind === 'card');
    expect(card?.skipped.map((s) => s.reason)).toEqual(['合计或签字行', '合计或签字行']);
    expect([...reports.values()].find((r) => r.kind === 'village')?.skipped).toHaveLength(villages * 2);
  });

  it('finds multi-row headers under title rows and keeps provenance', () => {
    const card = [...reports.values()].find((r) => r.kind === 'card');
    expect(card?.sheets[0]?.headerRows).toEqual([3, 4]);
    expect(card?.sheets[0]?.preamble[0]?.[0]).toMatch(/户卡信息汇总表/);
    expect(card?.sheets[0]?.merges.length).toBeGreaterThan(truth.households);
    const firstHead = rowsOf('national')[0];
    const inCard = rowsOf('card').find((r) => r.id_number === firstHead?.id_number);
    expect(inCard).toMatchObject({ sheet: '户卡汇总', row_number: 5 });
    const inVillage = rowsOf('village').find((r) => r.id_number === firstHead?.id_number);
    expect(inVillage).toMatchObject({ sheet: truth.villages[0], row_number: 4, village: truth.villages[0] });
    const inTownship = rowsOf('township').find((r) => r.id_number === firstHead?.id_number);
    expect(inTownship).toMatchObject({ sheet: truth.villages[0], row_number: 2 });
  });

  it('maps grouped headers by their group: 帮扶责任人/姓名 is the helper, 家庭成员/姓名 the member', () => {
    const mapping = [...reports.values()].find((r) => r.kind === 'card')?.sheets[0]?.columns ?? [];
    const fieldOf = (header: string) => mapping.find((c) => c.header === header)?.field;
    expect(fieldOf('家庭成员 / 姓名')).toBe('name');
    expect(fieldOf('帮扶责任人 / 姓名')).toBe('helper_name');
    expect(fieldOf('帮扶责任人 / 联系电话')).toBe('helper_phone');
    expect(fieldOf('户主信息 / 家庭人口')).toBe('household_size');
  });

  it('fills merged and blank-below-head household cells so every member row carries its household', () => {
    const clean = new Set(truth.cleanHouseholds);
    const national = rowsOf('national');
    const householdOf = new Map(national.map((r) => [r.id_number, r]));
    const headName = new Map(national.filter((r) => r.relation === '户主').map((r) => [r.household_no, r.name]));
    for (const kind of ['card', 'village', 'township'] as const) {
      let compared = 0;
      for (const r of rowsOf(kind)) {
        const n = householdOf.get(r.id_number ?? '');
        if (!n || !clean.has(String(n.household_no))) continue;
        compared++;
        expect([kind, r.id_number, r.head_name, r.household_size, r.poverty_attr, r.exit_year, r.income_per_capita, r.helper_name])
          .toEqual([kind, n.id_number, headName.get(n.household_no), n.household_size, n.poverty_attr, n.exit_year, n.income_per_capita, n.helper_name]);
      }
      expect(compared).toBeGreaterThan(truth.persons / 2);
    }
  });

  it('normalises every formatting-only difference to the value the national system holds', () => {
    const national = new Map(rowsOf('national').map((r) => [r.id_number, r]));
    const clean = new Set(truth.cleanHouseholds);
    const byKind = new Map<LedgerKindId, Map<unknown, Row>>();
    const inCleanHouseholds = truth.formatting.filter((f) => f.ledger === 'police' || clean.has(String(national.get(f.personId)?.household_no)));
    expect(inCleanHouseholds.length).toBeGreaterThan(100);
    for (const f of inCleanHouseholds) {
      if (!byKind.has(f.ledger)) byKind.set(f.ledger, new Map(rowsOf(f.ledger).map((r) => [r.id_number, r])));
      const record = byKind.get(f.ledger)?.get(f.personId);
      expect([f.ledger, f.field, f.written, record === undefined]).toEqual([f.ledger, f.field, f.written, false]);
      if (f.field === 'id_number') expect(record?.id_status).toBe('ok');
      else expect([f.written, record?.[f.field]]).toEqual([f.written, national.get(f.personId)?.[f.field]]);
    }
  });

  it('keeps Excel-damaged IDs as read and marks them, never repairing them', () => {
    const damaged = rowsOf('card').filter((r) => r.id_status === 'excel_damaged');
    expect(damaged).toHaveLength(count('identity.excel_damaged'));
    for (const r of damaged) {
      expect(String(r.id_number)).toMatch(/^\d{15}000$/);
      expect(JSON.parse(String(r.raw))).toContain(r.id_number);
    }
  });

  it('reads dates from Excel date cells, YYYYMM text and ID-bearing rows alike', () => {
    const card = rowsOf('card');
    const national = new Map(rowsOf('national').map((r) => [r.id_number, r]));
    const withBirth = card.filter((r) => r.id_status === 'ok' && typeof r.birth_date === 'string');
    expect(withBirth.length).toBeGreaterThan(truth.persons * 0.9);
    const agree = withBirth.filter((r) => String(r.id_number).slice(6, 14) === String(r.birth_date).replaceAll('-', ''));
    expect(agree.length).toBeGreaterThanOrEqual(withBirth.length - count('identity.birthdate_mismatch'));
    const monitored = [...national.values()].filter((r) => r.identified_at !== null);
    expect(monitored.length).toBeGreaterThan(0);
    for (const r of monitored) expect(r.identified_at).toMatch(/^\d{4}-\d{2}$/);
  });

  it('takes the village from the sheet name or title when rows lack one', () => {
    for (const r of rowsOf('village')) expect(truth.villages).toContain(r.village);
  });
});
