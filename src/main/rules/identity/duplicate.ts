import { caseId } from '../caseBuilders';
import { collect, ledger, REC } from '../query';
import type { Rule } from '../types';

const id = caseId('19800101', 21);

export const rule: Rule = {
  id: 'identity.duplicate', family: 'identity', severity: 'error', level: 'person',
  title: '同一证件号码重复登记',
  explanation: '一个人只能在一户中登记一次；同一号码在一本台账里出现两次或在两户中出现，必有一处是错号或重复。',
  fix: '核实两条记录各是谁，更正错号或删除重复的一条。',
  reads: ['id_number', 'household_no'], settings: [], needs: [], tables: [],
  // Grouped in the person index's order (person, ledger, link method): counted from the index, without a sort.
  check: (ctx) => collect(ctx, `SELECT r.person_key AS entity, r.household_key, r.village, r.id AS record_id, s.kind, r.name,
        coalesce(r.household_key, '') AS value
      FROM ${REC} JOIN (SELECT r2.source_id, r2.person_key FROM records r2 WHERE r2.link_method = 'id'
        GROUP BY r2.person_key, r2.source_id HAVING count(*) > 1) d ON d.source_id = r.source_id AND d.person_key = r.person_key`,
    {}, { field: 'id_number', level: 'person' },
    (hits) => `证件号码 ${hits[0]?.entity ?? ''} 在${ledger(hits[0]?.kind ?? '')}中登记了 ${hits.length} 次（${hits.map((h) => `${h.name ?? ''}${h.household_key ? `，户 ${h.household_key}` : ''}`).join('；')}）`),
  cases: [
    { name: '两户同号', ledgers: { national: [{ name: '王强', id_number: id, household_no: 'H1' }, { name: '王刚', id_number: id, household_no: 'H2' }] }, expect: [id] },
    { name: '不同台账各一次', ledgers: { national: [{ name: '王强', id_number: id }], card: [{ name: '王强', id_number: id }] }, expect: [] },
  ],
};
