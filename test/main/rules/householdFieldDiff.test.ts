import { describe, expect, it } from 'vitest';
import { family, familyWithoutNumber } from '../../../src/main/rules/caseBuilders';
import { ruleContext } from '../../../src/main/rules/engine';
import { rule as sizeDiff } from '../../../src/main/rules/ledger/sizeDiff';
import { linkRecords } from '../../../src/main/link/linkRecords';
import { caseWorkspace } from './caseWorkspace';

describe('a household field that differs from the national export', () => {
  it('names, in each ledger, the first row of the household that gives a value, and the village of the national rows that do', () => {
    const national = family().map((r, i) => ({ ...r, household_size: i === 0 ? null : 4, village: i === 0 ? null : '新华村' }));
    const card = familyWithoutNumber().map((r, i) => ({ ...r, household_size: i < 2 ? null : 3 }));
    const db = caseWorkspace({ ledgers: { national, card } });
    linkRecords(db);
    const row = (kind: string, rowNumber: number) => (db.prepare(`SELECT r.id FROM records r JOIN sources s ON s.id = r.source_id
      WHERE s.kind = ? AND r.row_number = ?`).get(kind, rowNumber) as { id: number }).id;
    const findings = sizeDiff.check(ruleContext(db));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      entity: 'H1', village: '新华村', recordIds: [row('national', 3), row('card', 4)], observed: { national: 4, card: 3 },
      message: '户 H1 的家庭人口数：户卡汇总中为“3”，系统中为“4”',
    });
    db.close();
  });
});
