import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers, Session } from '../../../src/main/api/handlers';
import { JOB_WORKER, jobToEnd, tempDir } from '../../helpers';

const upload = (name: string, text: string, map?: Record<string, string | null>) =>
  ({ name, data: Buffer.from(text).toString('base64'), ...(map ? { map } : {}) });

const HEADER = '成员,证照号,与户主关系,性别,家庭人口数\n';

describe('the desk\'s import with a corrected column mapping', () => {
  it('shows a file whose person columns it cannot name, imports it once mapped, and reuses the mapping next time', async () => {
    const session = new Session(tempDir(), JOB_WORKER);
    session.open(path.join(tempDir(), 'ws.db'), true);
    const handlers = createHandlers(session);
    const first = `${HEADER}王芳,11010519491231002X,户主,女,2\n李四,530523199003071234,之子,男,2\n`;

    const [unmapped] = await handlers['import:preview']({ files: [upload('一村.csv', first)] });
    expect(unmapped?.ok).toBe(true);
    expect(unmapped?.sheets?.[0]?.warnings).toEqual([expect.stringContaining('没有找到姓名列或证件号码列')]);
    expect(unmapped?.sheets?.[0]?.columns.slice(0, 2).map((c) => c.field)).toEqual([null, null]);
    const [refused] = (await jobToEnd(handlers, { kind: 'import', files: [upload('一村.csv', first)] })).imported;
    expect(refused).toMatchObject({ ok: false, message: expect.stringMatching(/一村\.csv.*没有找到姓名列/) });

    const map = { 成员: 'name', 证照号: 'id_number' };
    const [mapped] = await handlers['import:preview']({ files: [upload('一村.csv', first, map)] });
    expect(mapped?.sheets?.[0]?.warnings).toEqual([]);
    expect(mapped?.sheets?.[0]?.sample[0]?.values).toMatchObject({ name: '王芳', id_number: '11010519491231002X' });
    const [imported] = (await jobToEnd(handlers, { kind: 'import', files: [upload('一村.csv', first, map)] })).imported;
    expect(imported).toMatchObject({ ok: true, rows: 2 });

    const second = `${HEADER}赵六,440524188001010014,户主,男,1\n`;
    const [again] = await handlers['import:preview']({ files: [upload('二村.csv', second)] });
    expect(again).toMatchObject({ ok: true, usedTemplate: true });
    expect(again?.sheets?.[0]?.columns.slice(0, 2).map((c) => c.field)).toEqual(['name', 'id_number']);
    expect((await jobToEnd(handlers, { kind: 'import', files: [upload('二村.csv', second)] })).imported).toEqual([expect.objectContaining({ ok: true, rows: 1 })]);
    session.close();
  });

  it('reads files for the preview on the plan worker, without a workspace too: the desk answers meanwhile', async () => {
    const session = new Session(tempDir(), JOB_WORKER);
    expect(session.planScript?.pathname).toMatch(/planWorker\.mjs$/);
    const handlers = createHandlers(session);
    let answered = false;
    setImmediate(() => { answered = true; });
    const outcomes = await handlers['import:preview']({ files: [upload('一村.csv', `${HEADER}王芳,11010519491231002X,户主,女,2\n`), upload('空.csv', '')] });
    // On this thread the preview would be done before the event loop turned once.
    expect(answered).toBe(true);
    expect(outcomes).toEqual([
      expect.objectContaining({ file: '一村.csv', ok: true, usedTemplate: false }),
      { file: '空.csv', ok: false, message: expect.stringMatching(/空\.csv.*文件是空的/) },
    ]);
  });
});
