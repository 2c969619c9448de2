import { family, familyWithoutNumber, SON } from '../caseBuilders';
import type { Rule } from '../types';
import { personFieldDiff } from './compare';

export const rule: Rule = {
  id: 'ledger.name_diff', family: 'ledger', severity: 'warning', level: 'person',
  title: '姓名与系统不一致', explanation: '同一证件号码在台账中的姓名与国家系统不同，可能是同音字、错别字或号码张冠李戴。',
  fix: '对照户口簿确认正确写法，以正确值为准更正。', reads: ['name'], settings: [], needs: ['national'], tables: ['roll', 'roll_by_person', 'person_pairs'],
  check: (ctx) => personFieldDiff(ctx, 'name'),
  cases: [
    { name: '与系统不同', ledgers: { national: family(), card: familyWithoutNumber({ son: { name: '王雷' } }) }, expect: [SON] },
    { name: '规范化后相同', ledgers: { national: family(), card: familyWithoutNumber() }, expect: [] },
  ],
};
