import { caseId } from '../caseBuilders';
import type { Rule } from '../types';
import { IDENTITY_READS, recordsWithIdStatus } from './idStatusRule';

export const rule: Rule = {
  id: 'identity.malformed', family: 'identity', severity: 'error', level: 'person',
  title: '证件号码格式错误',
  explanation: '证件号码位数或字符不对，这个人无法与其他台账和部门数据比对，检查时按身份信息错误计。',
  fix: '对照户口簿或身份证原件更正为 18 位号码。',
  reads: IDENTITY_READS, settings: [], needs: [], tables: [],
  check: (ctx) => recordsWithIdStatus(ctx, 'malformed', (h) => `位数或字符不对（${String(h.value).length} 位）`),
  cases: [
    { name: '17 位号码', ledgers: { village: [{ name: '王芳', id_number: caseId('19800101', 22).slice(0, 17) }] }, expect: ['R1'] },
    { name: '含字母', ledgers: { village: [{ name: '王芳', id_number: '53990119800101A022' }] }, expect: ['R1'] },
    { name: '正确号码', ledgers: { village: [{ name: '王芳', id_number: caseId('19800101', 22) }] }, expect: [] },
  ],
};
