import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../cliRunner';
import { groundTruth, sampleDir, tempDir } from '../../helpers';

describe('duizhang check and rules', () => {
  it('check --source imports the generator files of every layout into a temporary workspace and writes the issue list', async () => {
    const truth = groundTruth();
    const dir = tempDir();
    const json = path.join(dir, 'issues.json');
    const xlsx = path.join(dir, 'issues.xlsx');
    const args = truth.files.flatMap((f) => ['--source', `${f.kind}=${path.join(sampleDir(), f.file)}`]);
    const r = await runCli(['check', ...args, '--json', json, '--xlsx', xlsx]);
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

  it('a missing department list is named once in the summary instead of silently passing', async () => {
    const truth = groundTruth();
    const national = truth.files.find((f) => f.kind === 'national')?.file ?? '';
    const r = await runCli(['check', '--source', `national=${path.join(sampleDir(), national)}`]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/未导入医保参保名单，跳过 1 条规则/);
    expect(r.stdout).toMatch(/未导入公安户籍变动，跳过 3 条规则/);
  });

  it('rules lists every rule and, for a workspace, whether it ran', async () => {
    const all = await runCli(['rules']);
    expect(all.stdout.trim().split('\n').length).toBeGreaterThanOrEqual(59);
    expect(all.stdout).toMatch(/identity\.checksum\s+严重\s+证件号码校验位错误/);
  });
});

describe('duizhang rule, issue and settings', () => {
  it('switch a rule off, mark an issue 核实无误 with a reason, and change a setting', async () => {
    const truth = groundTruth();
    const db = path.join(tempDir(), 'ws.db');
    const national = truth.files.find((f) => f.kind === 'national')?.file ?? '';
    expect((await runCli(['import', db, path.join(sampleDir(), national)])).status).toBe(0);
    expect((await runCli(['settings', db, 'asOf', truth.asOf])).stdout).toContain(`"${truth.asOf}"`);
    expect((await runCli(['settings', db, 'schoolAge', '6'])).stderr).toMatch(/同一形式/);
    const json = path.join(tempDir(), 'i.json');
    expect((await runCli(['check', db, '--json', json])).status).toBe(0);
    const issues = (JSON.parse(fs.readFileSync(json, 'utf8')) as { issues: { key: string; rule: string }[] }).issues;
    const helper = issues.find((i) => i.rule === 'assist.no_helper');
    expect(helper).toBeDefined();
    expect((await runCli(['issue', db, helper?.key ?? '', '--status', 'confirmed'])).stderr).toMatch(/核实理由/);
    expect((await runCli(['issue', db, helper?.key ?? '', '--status', 'confirmed', '--reason', '已入户核实'])).stdout).toMatch(/核实无误/);
    expect((await runCli(['rule', db, 'identity.region_unknown', '--off'])).status).toBe(0);
    expect((await runCli(['rule', db, 'no.such', '--off'])).stderr).toMatch(/没有规则/);
    const rules = (await runCli(['rules', db])).stdout;
    expect(rules).toMatch(/assist\.no_helper.*已运行，发现 \d+ 个/);
    await runCli(['check', db, '--json', json]);
    const after = (JSON.parse(fs.readFileSync(json, 'utf8')) as { issues: { key: string; rule: string; status: string }[] }).issues;
    expect(after.find((i) => i.key === helper?.key)?.status).toBe('confirmed');
    expect((await runCli(['rules', db])).stdout).toMatch(/identity\.region_unknown.*未运行：已停用/);
  });
});
