import { family, familyWithoutNumber, SON } from '../caseBuilders';
import type { Rule } from '../types';
import { personFieldDiff } from './compare';

export const rule: Rule = {
  id: 'ledger.relation_diff', family: 'ledger', severity: 'error', level: 'person',
  title: '与户主关系与系统不一致', explanation: '家庭关系不一致会影响户籍、赡养和政策享受的认定。',
  fix: '入户核实家庭关系，统一各台账。', reads: ['relation'], settings: [], needs: ['national'], tables: ['roll', 'roll_by_person', 'person_pairs'],
  check: (ctx) => personFieldDiff(ctx, 'relation'),
  cases: [
    { name: '与系统不同', ledgers: { national: family(), township: family({ son: { relation: '之孙子' } }) }, expect: [SON] },
    { name: '规范化后相同', ledgers: { national: family(), card: familyWithoutNumber() }, expect: [] },
  ],
};
