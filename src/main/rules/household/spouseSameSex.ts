import { family } from '../caseBuilders';
import { collect, ledger } from '../query';
import type { Rule } from '../types';
import { members } from './members';

export const rule: Rule = {
  id: 'household.spouse_same_sex', family: 'household', severity: 'warning', level: 'household',
  title: '户主与配偶性别相同', explanation: '户主与配偶性别相同，多为关系或证件号码录错。',
  fix: '核实配偶身份及其证件号码。', reads: ['relation', 'sex', 'id_number'], settings: [], needs: [], tables: ['roll', 'members'],
  check: (ctx) => collect(ctx, `WITH ${members(ctx)}
      SELECT m.household_key AS entity, m.household_key, m.village, m.id AS record_id, m.kind, m.person_key, m.name
      FROM m JOIN m h ON h.source_id = m.source_id AND h.household_key = m.household_key AND h.relation = '户主'
      JOIN m sp ON sp.source_id = m.source_id AND sp.household_key = m.household_key AND sp.relation = '配偶'
      WHERE h.sx = sp.sx AND m.id IN (h.id, sp.id)`, {}, { field: 'relation', level: 'household' },
    (hits) => `${[...new Set(hits.map((h) => ledger(h.kind)))].join('、')}中户 ${hits[0]?.entity ?? ''} 的户主与配偶性别相同`),
  cases: [
    { name: '儿子登记为配偶且无妻子', ledgers: { card: family({ spouse: { relation: '之女', id_number: null }, son: { relation: '配偶' } }).slice(0, 3).filter((r) => r.relation !== '之女') }, expect: ['H1'] },
    { name: '正常', ledgers: { card: family() }, expect: [] },
  ],
};
