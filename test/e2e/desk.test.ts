import fs from 'node:fs';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { createHandlers, Session } from '../../src/main/api/handlers';
import { startServer, type RunningServer } from '../../src/main/server/server';
import type { GroundTruth } from '../../src/main/sample/generateSample';
import { runCli } from '../cliRunner';
import { groundTruth, JOB_WORKER, sampleDir, tempDir } from '../helpers';

const SHOTS = path.resolve('test-results/e2e');
const CHROMIUM = '/usr/bin/chromium';

/** The clerk's whole path in the browser against the server mode, looking at the DOM; a screenshot of every screen. */
describe('the desk, end to end in Chromium', { timeout: 600_000 }, () => {
  let server: RunningServer;
  let context: BrowserContext;
  let page: Page;
  let session: Session;
  let truth: GroundTruth;
  const workspace = path.join(tempDir(), '青山乡.db');

  const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  const nav = (label: string) => page.locator('header nav button', { hasText: label }).click();
  const statusText = () => page.locator('.screen .status').innerText();
  const waitStatus = (re: RegExp) => page.locator('.screen .status .message', { hasText: re }).waitFor({ timeout: 180_000 });

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    truth = groundTruth();
    session = new Session(tempDir(), JOB_WORKER);
    server = await startServer({ handlers: createHandlers(session), rendererDir: path.resolve('dist/renderer'), exportDir: session.exportDir });
    context = await chromium.launchPersistentContext(tempDir('duizhang-chromium-'), {
      executablePath: CHROMIUM, viewport: { width: 1400, height: 900 },
      args: ['--headless', '--lang=zh-CN', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(60_000);
  });

  afterAll(async () => {
    await context?.close();
    await server?.close();
    session?.close();
  });

  it('creates a workspace, imports the sample, checks it, and shows the CLI\'s numbers', async () => {
    await page.goto(server.url);
    await shot('01-开始');
    await page.fill('input[name="workspace-path"]', workspace);
    await page.getByRole('button', { name: '新建工作区' }).click();
    await page.locator('h2', { hasText: '总览' }).waitFor();

    await nav('设置');
    for (const [key, value] of [['operator', '测试员'], ['asOf', truth.asOf]] as const) {
      await page.fill(`input[name="setting-${key}"]`, value);
      await page.locator('tr', { has: page.locator(`input[name="setting-${key}"]`) }).getByRole('button', { name: '保存' }).click();
      await waitStatus(/已保存/);
    }
    await shot('08-设置');

    await nav('导入');
    await page.setInputFiles('input[type="file"]', truth.files.map((f) => path.join(sampleDir(), f.file)));
    await waitStatus(/已识别/);
    expect(await page.locator('.card.preview').count()).toBe(truth.files.length);
    await shot('02-导入-预览');
    await page.getByRole('button', { name: /^导入 \d+ 个文件$/ }).click();
    const progress = page.locator('[data-testid="job-progress"]', { hasText: /正在导入第 \d+\/\d+ 个文件/ });
    await progress.waitFor();
    expect(await progress.getByRole('button', { name: '取消' }).count()).toBe(1);
    await waitStatus(/导入完成：成功 \d+ 个，失败 0 个/);
    await shot('02-导入-结果');

    await nav('总览');
    await page.getByRole('button', { name: '运行检查' }).click();
    await waitStatus(/检查完成/);
    await page.locator('[data-testid="family-table"]').waitFor();
    await shot('03-总览');
    const shown = Number(await page.locator('[data-testid="open-total"]').innerText());
    const json = path.join(tempDir(), 'issues.json');
    expect((await runCli(['check', workspace, '--json', json])).status).toBe(0);
    const cli = JSON.parse(fs.readFileSync(json, 'utf8')) as { summary: { open: number; byFamily: { family: string; severity: string; count: number }[] } };
    expect(shown).toBe(cli.summary.open);
    const cells = await page.locator('[data-testid="family-table"] td[data-severity]').evaluateAll((tds) =>
      tds.map((td) => ({ severity: td.getAttribute('data-severity'), count: Number(td.textContent) })));
    const sum = (s: string) => cells.filter((c) => c.severity === s).reduce((n, c) => n + c.count, 0);
    for (const s of ['error', 'warning', 'info']) expect(sum(s)).toBe(cli.summary.byFamily.filter((f) => f.severity === s).reduce((n, f) => n + f.count, 0));
  });

  it('filters issues, opens a person, corrects a value, watches the issue close, undoes and redoes', async () => {
    const issue = session.workspace().prepare(`SELECT key, person_keys, records FROM issues WHERE rule = 'ledger.sex_diff' AND status = 'open' LIMIT 1`)
      .get() as { key: string; person_keys: string; records: string };
    const [personId] = JSON.parse(issue.person_keys) as string[];
    const national = (JSON.parse(issue.records) as { id: number; source: string }[]).find((r) => r.source === 'national');

    await nav('问题');
    await page.locator('.ag-row[row-index="0"]').waitFor();
    await page.selectOption('select[aria-label="严重程度"]', 'error');
    await page.locator('[data-testid="issue-counts"]', { hasText: /共 \d+ 个/ }).waitFor();
    const errors = session.workspace().prepare("SELECT count(*) AS n FROM issues WHERE severity = 'error' AND status = 'open'").get() as { n: number };
    await page.locator('[data-testid="issue-counts"]', { hasText: `共 ${errors.n} 个` }).waitFor();
    await page.selectOption('select[aria-label="严重程度"]', '');
    await page.fill('input[aria-label="搜索"]', personId ?? '');
    await page.press('input[aria-label="搜索"]', 'Enter');
    const row = page.locator('.ag-row[row-index="0"]', { hasText: '性别' });
    await row.waitFor();
    await shot('04-问题');
    await row.dblclick();

    await page.locator('h2', { hasText: '人员与户：' }).waitFor();
    const cell = page.locator(`td[data-field="sex"][data-record="${national?.id}"]`);
    expect(await cell.getAttribute('class')).toContain('differs');
    await cell.click();
    await page.locator('[data-testid="edit-panel"]').waitFor();
    await page.selectOption('select[name="reason"]', '系统数据为准');
    await shot('05-人员');
    await page.getByRole('button', { name: /以此为准/ }).click();
    await waitStatus(/关闭问题 [1-9]/);
    const statusOf = () => (session.workspace().prepare('SELECT status FROM issues WHERE key = ?').get(issue.key) as { status: string }).status;
    expect(statusOf()).toBe('resolved');
    await page.locator('[data-testid="person-issues"] li[data-status="resolved"]').first().waitFor();

    await nav('台账');
    await page.locator('.ag-row[row-index="0"]').waitFor();
    await page.getByRole('button', { name: /撤销/ }).click();
    await waitStatus(/已撤销/);
    expect(statusOf()).toBe('open');
    await page.locator('.ag-row[row-index="0"]').click();
    await page.keyboard.press('Control+y');
    await waitStatus(/已重做/);
    expect(statusOf()).toBe('resolved');
    await shot('06-台账');
  });

  it('exports a corrected ledger that reads back with the corrected value, and shows both logs', async () => {
    const corrected = session.workspace().prepare(`SELECT c.new_text AS text, c.sheet, c.row_number AS row, s.kind, s.file_name AS file, s.sheets
        FROM corrections c JOIN records r ON r.id = c.record_id JOIN sources s ON s.id = r.source_id
        WHERE s.kind <> 'national' ORDER BY c.id DESC LIMIT 1`).get() as { text: string; sheet: string; row: number; kind: string; file: string; sheets: string };
    await nav('导出与记录');
    await page.selectOption('select[name="what"]', 'ledger');
    await page.selectOption('select[name="ledger"]', corrected.kind);
    await page.locator('label.check input').check();
    await page.getByRole('button', { name: '导出', exact: true }).click();
    await waitStatus(/已导出/);
    const paths = await page.locator('[data-testid="export-files"] small').allInnerTexts();
    const file = paths.find((p) => path.basename(p).startsWith(corrected.file.replace(/\.[^.]+$/, '')));
    if (!file) throw new Error(`exported ${paths.join(', ')}`);
    const wb = XLSX.read(fs.readFileSync(file), { type: 'buffer' });
    const ws = wb.Sheets[corrected.sheet];
    const rows = ws ? XLSX.utils.sheet_to_json<string[]>(ws, { header: 1, raw: false, defval: '' }) : [];
    expect(rows[corrected.row - 1]).toContain(corrected.text);
    await page.locator('[data-testid="correction-log"] tbody tr').first().waitFor();
    expect(await page.locator('[data-testid="correction-log"] tbody tr').count()).toBeGreaterThanOrEqual(3);
    await shot('07-导出');
    expect(await statusText()).not.toContain('失败');
  });

  it('offers the backups of a damaged workspace on the start screen and restores one', async () => {
    const dir = tempDir();
    const damaged = path.join(dir, '白石村.db');
    const csv = (names: string[]) => `姓名,身份证号码,与户主关系\n${names.map((n) => `${n},11010519491231002X,户主`).join('\n')}\n`;
    for (const [sub, names] of [['a', ['甲一', '甲二']], ['b', ['乙一']]] as const) {
      fs.mkdirSync(path.join(dir, sub));
      fs.writeFileSync(path.join(dir, sub, '白石村村表.csv'), csv([...names]));
      expect((await runCli(['import', damaged, path.join(dir, sub, '白石村村表.csv'), '--kind', 'village'])).status).toBe(0);
    }
    const fd = fs.openSync(damaged, 'r+');
    fs.writeSync(fd, Buffer.alloc(3 * 4096, 0xa5), 0, 3 * 4096, 2 * 4096);
    fs.closeSync(fd);

    await nav('开始');
    await page.fill('input[name="workspace-path"]', damaged);
    await page.getByRole('button', { name: '打开工作区' }).click();
    await page.locator('.screen .status .error', { hasText: /已损坏/ }).first().waitFor();
    await page.locator('[data-testid="backups"] tbody tr').first().waitFor();
    await shot('08-备份与恢复');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.locator('[data-testid="backups"]').getByRole('button', { name: '用此备份恢复' }).first().click();
    await page.locator('h2', { hasText: '总览' }).waitFor();
    expect(session.file).toBe(damaged);
    expect((session.workspace().prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n).toBe(2);
  });

  it('lets the clerk map a column the dictionary does not know, then imports with it', async () => {
    const file = path.join(tempDir(), '三村名单.csv');
    fs.writeFileSync(file, '成员,证照号,与户主关系,性别\n王芳,11010519491231002X,户主,女\n');
    await nav('导入');
    await page.setInputFiles('input[type="file"]', [file]);
    const card = page.locator('.card.preview', { hasText: '三村名单.csv' });
    await card.locator('.error', { hasText: '没有找到姓名列或证件号码列' }).waitFor();
    await card.getByLabel('“成员”识别为').selectOption('name');
    await card.locator('td', { hasText: /^王芳$/ }).waitFor();
    await card.getByLabel('“证照号”识别为').selectOption('id_number');
    await card.locator('td', { hasText: /^11010519491231002X$/ }).waitFor();
    expect(await card.locator('.error').count()).toBe(0);
    await shot('09-导入-列映射');
    await page.getByRole('button', { name: /^导入 1 个文件$/ }).click();
    await waitStatus(/导入完成：成功 1 个，失败 0 个/);
    expect(session.workspace().prepare(`SELECT name, id_number FROM records WHERE name = '王芳'`).all())
      .toEqual([{ name: '王芳', id_number: '11010519491231002X' }]);
  });
});
