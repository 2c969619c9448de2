import { caseId } from '../caseBuilders';
import type { Rule } from '../types';
import { IDENTITY_READS, recordsWithIdStatus } from './idStatusRule';

const good = caseId('19800101', 22);
const bad = good.slice(0, 17) + (good.endsWith('1') ? '2' : '1');

export const rule: Rule = {
  id: 'identity.checksum', family: 'identity', severity: 'error', level: 'person',
  title: '证件号码校验位错误',
  explanation: '第 18 位校验码与前 17 位算出的不符，多为录入时错了一位；错号会让此人在各台账间对不上。',
  fix: '对照身份证原件逐位核对，更正录错的数字。',
  reads: IDENTITY_READS, settings: [], needs: [], tables: [],
  check: (ctx) => recordsWithIdStatus(ctx, 'checksum', () => '校验位不正确'),
  cases: [
    { name: '校验位错', ledgers: { card: [{ name: '王芳', id_number: bad }] }, expect: ['R1'] },
    { name: '正确号码', ledgers: { card: [{ name: '王芳', id_number: good }] }, expect: [] },
  ],
};
