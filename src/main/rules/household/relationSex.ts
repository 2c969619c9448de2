import { DAUGHTER, family, SON } from '../caseBuilders';
import { collect, ledger, sqlList } from '../query';
import type { Rule } from '../types';
import { members } from './members';

const MALE = ['之子', '之孙子', '之外孙子', '之父', '之岳父', '之公公', '之祖父', '之侄儿', '之女婿'];
const FEMALE = ['之女', '之孙女', '之外孙女', '之母', '之岳母', '之婆婆', '之祖母', '之侄女', '之儿媳'];

export const rule: Rule = {
  id: 'household.relation_sex', family: 'household', severity: 'error', level: 'person',
  title: '与户主关系和性别矛盾', explanation: '“之子”必为男性、“之女”必为女性等；关系与性别矛盾说明其中一项录错。',
  fix: '核实该成员的性别和与户主关系。', reads: ['relation', 'sex', 'id_number'], settings: [], needs: [], tables: ['roll', 'members'],
  check: (ctx) => collect(ctx, `WITH ${members(ctx)}
      SELECT m.person_key AS entity, m.household_key, m.village, m.id AS record_id, m.kind, m.name, m.relation AS value FROM m
      WHERE (m.relation IN (${sqlList(MALE)}) AND m.sx = '女') OR (m.relation IN (${sqlList(FEMALE)}) AND m.sx = '男')`,
    {}, { field: 'relation', level: 'person' },
    (hits) => hits.map((h) => `${ledger(h.kind)}中${h.name ?? ''}登记为“${String(h.value)}”，但性别为${h.value && MALE.includes(String(h.value)) ? '女' : '男'}`).join('；')),
  cases: [
    { name: '儿子登记为之女', ledgers: { card: family({ son: { relation: '之女' } }) }, expect: [SON] },
    { name: '女儿登记为之子', ledgers: { national: family({ daughter: { relation: '之子' } }) }, expect: [DAUGHTER] },
    { name: '正常', ledgers: { card: family() }, expect: [] },
  ],
};
