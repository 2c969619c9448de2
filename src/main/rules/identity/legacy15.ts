import { caseId } from '../caseBuilders';
import type { Rule } from '../types';
import { IDENTITY_READS, recordsWithIdStatus } from './idStatusRule';

const id18 = caseId('19800101', 22);
const id15 = id18.slice(0, 6) + id18.slice(8, 17);

export const rule: Rule = {
  id: 'identity.legacy15', family: 'identity', severity: 'info', level: 'person',
  title: '仍使用 15 位旧证件号码',
  explanation: '15 位号码已停止使用，系统和部门数据都用 18 位；软件已按国标换算后比对。',
  fix: '按身份证原件改为 18 位号码（在第 6 位后加“19”并计算校验位）。',
  reads: IDENTITY_READS, settings: [], needs: [], tables: [],
  check: (ctx) => recordsWithIdStatus(ctx, 'legacy15', () => '是 15 位旧号码'),
  cases: [
    { name: '15 位', ledgers: { township: [{ name: '王芳', id_number: id15 }] }, expect: [id18] },
    { name: '18 位', ledgers: { township: [{ name: '王芳', id_number: id18 }] }, expect: [] },
  ],
};
