import { describe, expect, it } from 'vitest';
import { family } from '../../../src/main/rules/caseBuilders';
import { ruleContext } from '../../../src/main/rules/engine';
import { rule as multipleHeads } from '../../../src/main/rules/household/multipleHeads';
import { rule as noHead } from '../../../src/main/rules/household/noHead';
import { rule as sizeMismatch } from '../../../src/main/rules/household/sizeMismatch';
import { linkRecords } from '../../../src/main/link/linkRecords';
import { addLedger, caseWorkspace } from './caseWorkspace';

describe('a household whose rows are in two files of one ledger kind', () => {
  const check = (ledgers: [string, ReturnType<typeof family>][]) => {
    const db = caseWorkspace({ ledgers: {} });
    for (const [file, rows] of ledgers) addLedger(db, 'township', rows, file);
    linkRecords(db);
    const ctx = ruleContext(db);
    const found = [noHead, sizeMismatch, multipleHeads].map((r) => [r.id, r.check(ctx).map((f) => f.entity)]);
    db.close();
    return found;
  };

  it('is one household of that ledger: its head in one file and its other members in the other are not a household without a head', () => {
    const rows = family();
    expect(check([['乡册一.xlsx', rows.slice(0, 2)], ['乡册二.xlsx', rows.slice(2)]]))
      .toEqual([['household.no_head', []], ['household.size_mismatch', []], ['household.multiple_heads', []]]);
  });

  it('listed whole in both files, has two heads and twice its members in that ledger', () => {
    expect(check([['乡册一.xlsx', family()], ['乡册二.xlsx', family()]]))
      .toEqual([['household.no_head', []], ['household.size_mismatch', ['H1']], ['household.multiple_heads', ['H1']]]);
  });
});
