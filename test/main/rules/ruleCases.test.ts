import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULE_FAMILIES, SEVERITIES } from '../../../src/shared/domain/rules';
import { FIELD_BY_KEY } from '../../../src/shared/domain/fields';
import { DEFAULT_SETTINGS } from '../../../src/main/settings/settings';
import { linkRecords } from '../../../src/main/link/linkRecords';
import { ruleContext } from '../../../src/main/rules/engine';
import { RULES } from '../../../src/main/rules/registry';
import { caseWorkspace } from './caseWorkspace';

const RULES_DIR = path.resolve('src/main/rules');

describe('rule registry', () => {
  it('every rule file under rules/<family>/ is registered, and every registered rule has its own file', () => {
    const files = Object.keys(RULE_FAMILIES).flatMap((family) => {
      const dir = path.join(RULES_DIR, family);
      return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => `${family}/${f}`) : [];
    });
    const ruleFiles = files.filter((f) => /export const rule: Rule/.test(fs.readFileSync(path.join(RULES_DIR, f), 'utf8')));
    expect(ruleFiles.length).toBe(RULES.length);
    const registry = fs.readFileSync(path.join(RULES_DIR, 'registry.ts'), 'utf8');
    for (const f of ruleFiles) expect(registry).toContain(`./${f.replace(/\.ts$/, '')}'`);
  });

  it('ids are unique, of the form family.name, and every rule is documented in Chinese', () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    for (const r of RULES) {
      expect(r.id).toMatch(new RegExp(`^${r.family}\\.[a-z0-9_]+$`));
      expect(Object.keys(SEVERITIES)).toContain(r.severity);
      for (const text of [r.title, r.explanation, r.fix]) expect(text).toMatch(/[\u4e00-\u9fa5]/);
      for (const f of r.reads) expect([r.id, FIELD_BY_KEY.has(f)]).toEqual([r.id, true]);
      for (const s of r.settings) expect([r.id, Object.hasOwn(DEFAULT_SETTINGS, s)]).toEqual([r.id, true]);
    }
  });

  it('every rule has cases where it fires and cases where it stays silent', () => {
    for (const r of RULES) {
      expect([r.id, r.cases.some((c) => c.expect.length > 0)]).toEqual([r.id, true]);
      expect([r.id, r.cases.some((c) => c.expect.length === 0)]).toEqual([r.id, true]);
    }
  });
});

describe.each(RULES.map((r) => [r.id, r] as const))('%s', (_id, rule) => {
  it.each(rule.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const db = caseWorkspace(c);
    linkRecords(db);
    const ctx = ruleContext(db);
    const findings = rule.check(ctx);
    expect(findings.map((f) => f.entity).sort()).toEqual([...c.expect].sort());
    // What a thread builds for the rule is what the rule says it reads.
    expect([...ctx.tables].sort()).toEqual([...rule.tables].sort());
    for (const f of findings) {
      expect(f.message).toMatch(/[\u4e00-\u9fa5]/);
      expect(f.recordIds.length).toBeGreaterThan(0);
    }
    db.close();
  });
});
