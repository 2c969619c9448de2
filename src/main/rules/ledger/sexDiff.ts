import { family, familyWithoutNumber, SON } from '../caseBuilders';
import type { Rule } from '../types';
import { personFieldDiff } from './compare';

export const rule: Rule = {
  id: 'ledger.sex_diff', family: 'ledger', severity: 'error', level: 'person',
  title: '性别与系统不一致', explanation: '同一人在台账与国家系统中性别不同，身份信息必有一处错误。',
  fix: '对照身份证原件确认性别并更正。', reads: ['sex'], settings: [], needs: ['national'], tables: ['roll', 'roll_by_person', 'person_pairs'],
  check: (ctx) => personFieldDiff(ctx, 'sex'),
  cases: [
    { name: '与系统不同', ledgers: { national: family(), card: familyWithoutNumber({ son: { sex: '女' } }) }, expect: [SON] },
    { name: '规范化后相同', ledgers: { national: family(), card: familyWithoutNumber() }, expect: [] },
  ],
};
