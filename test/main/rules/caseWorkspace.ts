import type { LedgerKindId } from '../../../src/shared/domain/ledgerKinds';
import { analyzeId } from '../../../src/shared/domain/idNumber';
import { completeSource, insertSource, recordInserter } from '../../../src/main/import/store';
import type { ExtractedRecord } from '../../../src/main/import/extractRecords';
import { saveSetting, type Settings } from '../../../src/main/settings/settings';
import type { RuleCase } from '../../../src/main/rules/types';
import { openWorkspace, type Db } from '../../../src/main/workspace/workspace';

/** A workspace in memory holding a case's ledgers, each as its own source, records inserted as an import would. */
export function caseWorkspace(c: Pick<RuleCase, 'ledgers' | 'settings'>): Db {
  const db = openWorkspace(':memory:', { create: true });
  saveSetting(db, 'asOf', '2026-06-30');
  for (const [key, value] of Object.entries(c.settings ?? {})) saveSetting(db, key as keyof Settings, value as never);
  for (const [kind, rows] of Object.entries(c.ledgers) as [LedgerKindId, Record<string, string | number | null>[]][]) {
    addLedger(db, kind, rows, `${kind}.xlsx`);
  }
  return db;
}

/** One more imported file of a ledger kind (a workspace may hold several of one kind, such as one card file per village). */
export function addLedger(db: Db, kind: LedgerKindId, rows: Record<string, string | number | null>[], fileName: string): void {
  const fields = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const sourceId = insertSource(db, { kind, fileName, sha256: fileName, format: 'xlsx', encoding: null });
  const records: ExtractedRecord[] = rows.map((row, i) => ({
    sheet: 'Sheet1', rowNumber: i + 2, raw: fields.map((f) => String(row[f] ?? '')),
    idStatus: analyzeId(typeof row.id_number === 'string' ? row.id_number : null).status,
    values: fields.map((f) => (f === 'id_number' && typeof row[f] === 'string' ? analyzeId(row[f]).normalized : (row[f] ?? null))),
  }));
  const insert = recordInserter(db, sourceId, fields);
  for (const record of records) insert(record);
  completeSource(db, sourceId, { sheets: [], rowCount: rows.length, skipped: [] });
}
