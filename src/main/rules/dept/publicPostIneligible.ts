import { caseId, family, SON } from '../caseBuilders';
import type { Rule } from '../types';
import { ineligibleHolders } from './postHolders';

const ELDER = caseId('19500101', 11);
const UNABLE = { son: { labour: '丧失劳动力' } };

export const rule: Rule = {
  id: 'dept.public_post_ineligible', family: 'dept', severity: 'warning', level: 'person',
  title: '公益性岗位人员不符合条件', explanation: '公益性岗位应安置在册、有劳动能力且在年龄范围内的脱贫人口或监测对象；超龄或无劳动能力者在岗，可能是虚设岗位或冒领报酬。',
  fix: '到人社部门核实在岗情况，调整岗位人员，或更正台账中的年龄、劳动能力。', reads: ['id_number', 'labour', 'post_type'],
  settings: ['publicPostAge'], needs: ['national', 'labor'], tables: [],
  check: (ctx) => ineligibleHolders(ctx, 'labor', ctx.settings.publicPostAge, '公益性岗位人员', "coalesce(r.post_type, '') <> ''"),
  cases: [
    { name: '超龄且不在册', ledgers: { national: family(), labor: [{ name: '老王', id_number: ELDER, post_type: '保洁员' }] }, expect: [ELDER] },
    { name: '在册但丧失劳动力', ledgers: { national: family(UNABLE), labor: [{ name: '王磊', id_number: SON, post_type: '护路员' }] }, expect: [SON] },
    { name: '符合', ledgers: { national: family(), labor: [{ name: '王磊', id_number: SON, post_type: '保洁员' }] }, expect: [] },
    { name: '年龄范围由设置决定', settings: { publicPostAge: [16, 25] }, ledgers: { national: family(), labor: [{ name: '王磊', id_number: SON, post_type: '保洁员' }] }, expect: [SON] },
    { name: '名单中不是公益性岗位的行不报', ledgers: { national: family(), labor: [{ name: '老王', id_number: ELDER, post_type: null }] }, expect: [] },
  ],
};
