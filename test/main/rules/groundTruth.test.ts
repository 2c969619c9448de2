import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../../src/main/import/importFile';
import { runCheck, type CheckSummary } from '../../../src/main/rules/engine';
import { issuesAsJson, type IssueJson } from '../../../src/main/rules/issueExport';
import { RULE_BY_ID, RULES } from '../../../src/main/rules/registry';
import { DEFECT_RULES } from '../../../src/main/sample/defects';
import type { GroundTruth } from '../../../src/main/sample/generateSample';
import { saveSetting } from '../../../src/main/settings/settings';
import { groundTruth, sampleDir, tempWorkspace } from '../../helpers';

describe('checking the generated township against its ground truth', () => {
  let truth: GroundTruth;
  let issues: IssueJson[];
  let summary: CheckSummary;

  beforeAll(() => {
    truth = groundTruth();
    const { db } = tempWorkspace();
    saveSetting(db, 'asOf', truth.asOf);
    for (const f of truth.files) importFile(db, path.join(sampleDir(), f.file));
    summary = runCheck(db);
    issues = issuesAsJson(db);
  });

  it('injects a defect for every registered rule, so that the ground truth tests each one', () => {
    expect(RULES.map((r) => r.id).filter((id) => !DEFECT_RULES.includes(id))).toEqual([]);
    expect([...new Set(truth.defects.map((d) => d.rule))].sort()).toEqual([...DEFECT_RULES].sort());
  });

  it('finds every injected defect of every rule there is', () => {
    expect([...new Set(truth.defects.map((d) => d.rule))].filter((r) => !RULE_BY_ID.has(r))).toEqual([]);
    const implemented = truth.defects;
    const missed = implemented.filter((d) => !issues.some((i) => i.rule === d.rule && (
      i.householdIds.includes(d.householdNo) || (d.otherHouseholdNo !== undefined && i.householdIds.includes(d.otherHouseholdNo)) ||
      d.personIds.some((p) => i.personIds.includes(p)))));
    expect(missed).toEqual([]);
  });

  it('raises nothing above 提示 on a household no defect touched (formatting-only differences included)', () => {
    const clean = new Set(truth.cleanHouseholds);
    const wrong = issues.filter((i) => i.severity !== 'info' && i.householdIds.some((h) => clean.has(h)));
    expect(wrong.map((i) => `${i.rule} ${i.message}`)).toEqual([]);
  });

  it('writes every issue with the fields the JSON output promises', () => {
    for (const i of issues) {
      expect(i).toMatchObject({ rule: expect.any(String), severity: expect.stringMatching(/^(error|warning|info)$/), status: 'open' });
      expect(i.records.length).toBeGreaterThan(0);
      expect(i.sources.length).toBeGreaterThan(0);
      expect(i.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(summary.open).toBe(issues.length);
  });
});
