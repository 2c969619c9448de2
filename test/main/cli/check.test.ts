import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../cliRunner';
import { groundTruth, sampleDir, tempDir } from '../../helpers';

describe('duizhang check and rules', () => {
  it('check --source imports the generator files of every layout into a temporary workspace and writes the issue list', () => {
    const truth = groundTruth();
    const dir = tempDir();
    const json = path.join(dir, 'issues.json');
    const xlsx = path.join(dir, 'issues.xlsx');
    const args = truth.files.flatMap((f) => ['--source', `${f.kind}=${path.join(sampleDir(), f.file)}`]);
    const r = runCli(['check', ...args, '--json', json, '--xlsx', xlsx]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/未处理问题（按类别）/);
    expect(r.stdout).toMatch(/未处理问题（按村）/);
    const out = JSON.parse(fs.readFileSync(json, 'utf8')) as { summary: { open: number }; issues: Record<string, unknown>[] };
    expect(out.issues.length).toBe(out.summary.open);
    expect(out.issues.length).toBeGreaterThan(truth.defects.length);
    for (const key of ['rule', 'severity', 'level', 'personIds', 'householdIds', 'village', 'sources', 'records', 'field', 'values', 'message', 'status']) {
      expect(out.issues[0]).toHaveProperty(key);
    }
    expect(fs.readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK');
  });

  it('a missing department list is named once in the summary instead of silently passing', () => {
    const truth = groundTruth();
    const national = truth.files.find((f) => f.kind === 'national')?.file ?? '';
    const r = runCli(['check', '--source', `national=${path.join(sampleDir(), national)}`]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/未导入医保参保名单，跳过 1 条规则/);
    expect(r.stdout).toMatch(/未导入公安户籍变动，跳过 3 条规则/);
  });

  it('rules lists every rule and, for a workspace, whether it ran', () => {
    const all = runCli(['rules']);
    expect(all.stdout.trim().split('\n').length).toBeGreaterThanOrEqual(59);
    expect(all.stdout).toMatch(/identity\.checksum\s+严重\s+证件号码校验位错误/);
  });
});
