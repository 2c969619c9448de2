import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GROUND_TRUTH_FILE } from '../../../src/main/sample/generateSample';
import { openWorkspace } from '../../../src/main/workspace/workspace';
import { runBin, runCli } from '../../cliRunner';
import { groundTruth, sampleDir, tempDir, writeFile } from '../../helpers';

describe('duizhang CLI', () => {
  it('import prints format, sheets, header rows, mapping, rows imported and skipped with reasons', async () => {
    const truth = groundTruth();
    const village = truth.files.find((f) => f.kind === 'village')?.file ?? '';
    const db = path.join(tempDir(), 'ws.db');
    const r = await runCli(['import', db, path.join(sampleDir(), village)]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`文件：${village}`);
    expect(r.stdout).toMatch(/格式：Excel 97-2003/);
    expect(r.stdout).toMatch(/台账类型：村表/);
    expect(r.stdout).toMatch(/工作表“新华村”：表头第 3 行，导入 \d+ 行，村：新华村/);
    expect(r.stdout).toMatch(/E 身份证号 → 证件号码/);
    expect(r.stdout).toContain(`合计或签字行：${truth.villages.length * 2} 行（新华村!`);
  });

  it('--kind and --map override detection', async () => {
    const db = path.join(tempDir(), 'ws.db');
    const file = writeFile(tempDir(), 'x.csv', '成员,证照号\n王芳,11010519491231002X\n');
    const r = await runCli(['import', db, file, '--kind', 'medical', '--map', '成员=姓名', '--map', '证照号=id_number']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/台账类型：医保参保名单（medical）/);
    expect(r.stdout).toMatch(/B 证照号 → 证件号码/);
  });

  it('preview shows the mapping and first normalised rows and writes nothing', async () => {
    const dir = tempDir();
    const file = writeFile(dir, '名单.csv', '说明：某村名单\n成员,证照号\n"王　芳",１１０１０５１９４９１２３１００２ｘ\n');
    const ws = path.join(dir, 'ws.db');
    openWorkspace(ws, { create: true }).close();
    const r = await runCli(['preview', file, '--workspace', ws, '--header-row', '2', '--map', '成员=姓名', '--map', '证照号=证件号码']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/工作表“Sheet1”：表头第 2 行/);
    expect(r.stdout).toMatch(/第 3 行：姓名=王芳，证件号码=11010519491231002X/);
    expect(r.stdout).toMatch(/仅预览，未写入工作区/);
    const db = openWorkspace(ws);
    expect(db.prepare('SELECT count(*) AS n FROM sources').get()).toEqual({ n: 0 });
    db.close();
  });

  it('bad input: exit code 2 and a Chinese error naming the file on stderr; other files still import', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'ws.db');
    const good = writeFile(dir, 'good.csv', '姓名,身份证号码\n王芳,11010519491231002X\n');
    const bad = writeFile(dir, 'bad.xlsx', 'PK\u0003\u0004 truncated');
    const r = await runCli(['import', db, bad, good]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^错误：文件“bad\.xlsx”：/);
    expect(r.stdout).toContain('文件：good.csv');
    const ws = openWorkspace(db);
    expect(ws.prepare('SELECT file_name FROM sources').all()).toEqual([{ file_name: 'good.csv' }]);
    ws.close();
  });

  it('unknown commands, kinds and a missing workspace argument exit with 2', async () => {
    expect((await runCli(['frobnicate'])).status).toBe(2);
    expect((await runCli(['import', 'x.db', 'y.csv', '--kind', 'bank'])).stderr).toMatch(/不认识的台账类型“bank”/);
    expect((await runCli(['import'])).status).toBe(2);
    expect((await runCli(['import', tempDir(), 'y.csv'])).stderr).toMatch(/无法打开工作区文件/);
    expect((await runCli(['help'])).stdout).toMatch(/用法/);
  });

  it('the installed binary sets its exit code and writes errors to stderr', () => {
    const bad = runBin(['frobnicate']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^错误：未知命令“frobnicate”/);
    expect(bad.stdout).toBe('');
    const help = runBin(['help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/用法/);
  });

  it('sample writes every ledger kind and a ground truth, the same for the same seed', async () => {
    const [a, b] = [tempDir(), tempDir()];
    expect((await runCli(['sample', a, '--households', '30', '--seed', '7'])).status).toBe(0);
    expect((await runCli(['sample', b, '--households', '30', '--seed', '7'])).status).toBe(0);
    const truthA = fs.readFileSync(path.join(a, GROUND_TRUTH_FILE), 'utf8');
    expect(truthA).toBe(fs.readFileSync(path.join(b, GROUND_TRUTH_FILE), 'utf8'));
    const truth = JSON.parse(truthA) as { files: { kind: string; file: string }[] };
    expect(new Set(truth.files.map((f) => f.kind)).size).toBe(14);
    for (const f of truth.files) {
      expect(fs.readFileSync(path.join(a, f.file))).toEqual(fs.readFileSync(path.join(b, f.file)));
    }
    expect((await runCli(['sample', a, '--households', '5'])).status).toBe(2);
  });
});
