import { caseId, family, SON } from '../caseBuilders';
import type { Rule } from '../types';
import { ineligibleHolders } from './postHolders';

const ELDER = caseId('19500101', 11);

export const rule: Rule = {
  id: 'dept.ranger_ineligible', family: 'dept', severity: 'warning', level: 'person',
  title: '生态护林员不符合选聘条件', explanation: '护林员应为在册、在世、有劳动能力且在年龄范围内的脱贫人口或监测对象。',
  fix: '核实后调整护林员选聘，或更正台账信息。', reads: ['id_number', 'labour'], settings: ['rangerAge'], needs: ['national', 'forestry'], tables: [],
  check: (ctx) => ineligibleHolders(ctx, 'forestry', ctx.settings.rangerAge, '生态护林员'),
  cases: [{ name: '超龄', ledgers: { national: family(), forestry: [{ name: '老王', id_number: ELDER }] }, expect: [ELDER] }, { name: '符合', ledgers: { national: family(), forestry: [{ name: '王磊', id_number: SON }] }, expect: [] }],
};
