import { caseId } from '../caseBuilders';
import type { Rule } from '../types';
import { IDENTITY_READS, recordsWithIdStatus } from './idStatusRule';

const good = caseId('19800101', 22);

export const rule: Rule = {
  id: 'identity.excel_damaged', family: 'identity', severity: 'error', level: 'person',
  title: '证件号码被 Excel 存成数字',
  explanation: 'Excel 只保留 15 位有效数字，18 位号码存成数字后最后 3 位变成 000，原号码已无法从表格恢复。',
  fix: '把该列设为“文本”格式，按身份证原件重新录入；软件只会根据其他台账提示可能的号码，不会自动填写。',
  reads: IDENTITY_READS, settings: [], needs: [], tables: [],
  check: (ctx) => recordsWithIdStatus(ctx, 'excel_damaged', () => '已被 Excel 截断，后几位丢失'),
  cases: [
    { name: '后三位 000', ledgers: { card: [{ name: '王芳', id_number: `${good.slice(0, 15)}000` }] }, expect: ['R1'] },
    { name: '科学计数法', ledgers: { card: [{ name: '王芳', id_number: '5.39901E+17' }] }, expect: ['R1'] },
    { name: '文本号码', ledgers: { card: [{ name: '王芳', id_number: good }] }, expect: [] },
  ],
};
