import { checkCharacter } from '../../../shared/domain/idNumber';
import { caseId } from '../caseBuilders';
import type { Rule } from '../types';
import { IDENTITY_READS, recordsWithIdStatus } from './idStatusRule';

const first17 = '53990119900230022';

export const rule: Rule = {
  id: 'identity.birthdate_invalid', family: 'identity', severity: 'error', level: 'person',
  title: '证件号码中的出生日期不存在',
  explanation: '第 7–14 位是出生日期，这里的日期在日历上不存在（如 2 月 30 日），号码必有错。',
  fix: '对照身份证原件更正。',
  reads: IDENTITY_READS, settings: [], needs: [], tables: [],
  check: (ctx) => recordsWithIdStatus(ctx, 'bad_birth_date', (h) => `中的出生日期 ${String(h.value).slice(6, 14)} 不存在`),
  cases: [
    { name: '2 月 30 日', ledgers: { national: [{ name: '王芳', id_number: first17 + checkCharacter(first17) }] }, expect: [first17 + checkCharacter(first17)] },
    { name: '真实日期', ledgers: { national: [{ name: '王芳', id_number: caseId('19900228', 22) }] }, expect: [] },
  ],
};
