import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openWorkspace } from '../../../src/main/workspace/workspace';
import { checkedSampleCopy, tempDir } from '../../helpers';
import { runCli } from '../../cliRunner';

describe('duizhang correct / log / undo / redo / issue plan / export', () => {
  it('corrects a record by its place in a file, logs it, undoes and redoes it, and exports', async () => {
    const { db, file } = checkedSampleCopy();
    const issue = db.prepare(`SELECT key, records FROM issues WHERE rule = 'ledger.sex_diff' AND status = 'open' LIMIT 1`).get() as { key: string; records: string };
    const [national] = (JSON.parse(issue.records) as { source: string; file: string; sheet: string; row: number }[]).filter((r) => r.source === 'national');
    db.close();
    if (!national) throw new Error('the issue names the national record');

    const adopt = await runCli(['correct', file, '--record', `${national.file}!${national.sheet}!${national.row}`, '--field', '性别', '--adopt',
      '--reason', '系统数据为准', '--issue', issue.key]);
    expect(adopt.stderr).toBe('');
    expect(adopt.stdout).toMatch(/已修改 \d+ 个单元格，复查 \d+ 户：关闭问题 [1-9]\d* 个/);
    expect((await runCli(['log', file])).stdout).toMatch(/测试员 {2}修改 .+性别：“.”→“.” {2}原因：系统数据为准/);
    expect((await runCli(['undo', file])).stdout).toContain('已撤销上一次修改');
    expect((await runCli(['redo', file])).stdout).toContain('已重做');
    expect((await runCli(['redo', file])).stderr).toContain('没有可以重做的修改');

    const plan = await runCli(['issue', file, issue.key, '--measure', '入户核实后更正', '--owner', '李四', '--due', '2026-12-31']);
    expect(plan.stdout).toContain('已更新 1 个问题');
    const check = openWorkspace(file);
    expect(check.prepare('SELECT status, measure, owner, due FROM issues WHERE key = ?').get(issue.key))
      .toEqual({ status: 'resolved', measure: '入户核实后更正', owner: '李四', due: '2026-12-31' });
    check.close();

    const out = tempDir();
    const exported = await runCli(['export', file, '--what', 'issues', '--out', out]);
    expect(exported.stdout).toContain('身份证号已隐藏');
    expect(fs.readdirSync(out)).toEqual([expect.stringMatching(/^问题清单-\d{8}\.xlsx$/)]);
  });

  it('refuses bad requests with exit code 2 and a Chinese message', async () => {
    const { db, file } = checkedSampleCopy();
    db.close();
    expect((await runCli(['correct', file, '--record', '999999999', '--field', 'sex', '--value', '女', '--reason', '录入错误'])).stderr).toContain('找不到记录');
    expect((await runCli(['correct', file, '--record', '1', '--field', '血型', '--value', 'A', '--reason', '录入错误'])).stderr).toContain('不认识的字段');
    const r = await runCli(['export', file, '--what', 'everything', '--out', tempDir()]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('不能导出“everything”');
    expect((await runCli(['verify-import', file, '/no/such/file.xlsx'])).status).toBe(2);
  });
});
