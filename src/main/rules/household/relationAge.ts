import { caseId, family } from '../caseBuilders';
import { checkTable } from '../checkTables';
import { collect, ledger } from '../query';
import type { Rule } from '../types';
import { members } from './members';

const CHILD = "('之子', '之女', '之儿媳', '之女婿')";
const PARENT = "('之父', '之母', '之岳父', '之岳母', '之公公', '之婆婆')";
const oldSon = caseId('19650101', 33);

export const rule: Rule = {
  id: 'household.relation_age', family: 'household', severity: 'warning', level: 'person',
  title: '与户主关系和年龄不合常理', explanation: '子女应比户主小 12 岁以上、父母应比户主大 12 岁以上；不合常理时多为关系录错。',
  fix: '入户核实该成员与户主的关系。', reads: ['relation', 'id_number'], settings: [], needs: [], tables: ['roll', 'members', 'heads'],
  check: (ctx) => collect(ctx, `WITH ${members(ctx)}
      SELECT m.person_key AS entity, m.household_key, m.village, m.id AS record_id, m.kind, m.name, m.relation AS value
      FROM m JOIN ${checkTable(ctx, 'heads')} h ON h.household_key = m.household_key AND h.kind = m.kind
      WHERE m.birth IS NOT NULL AND h.birth IS NOT NULL AND (
        (m.relation IN ${CHILD} AND julianday(m.birth) < julianday(h.birth, '+12 years')) OR
        (m.relation IN ${PARENT} AND julianday(m.birth) > julianday(h.birth, '-12 years')))`,
    {}, { field: 'relation', level: 'person' },
    (hits) => hits.map((h) => `${ledger(h.kind)}中${h.name ?? ''}登记为“${String(h.value)}”，与户主的年龄差不到 12 岁`).join('；')),
  cases: [
    { name: '儿子比户主年长', ledgers: { national: family({ son: { id_number: oldSon } }) }, expect: [oldSon] },
    { name: '女儿登记为之母', ledgers: { national: family({ daughter: { relation: '之母' } }) }, expect: [family()[3]?.id_number as string] },
    { name: '正常', ledgers: { national: family() }, expect: [] },
  ],
};
