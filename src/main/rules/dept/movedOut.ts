import { DAUGHTER, family, SON } from '../caseBuilders';
import { collect, REC } from '../query';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'dept.moved_out', family: 'dept', severity: 'warning', level: 'person',
  title: '公安已迁出仍在户内', explanation: '户籍已迁出的人员仍在户内，需核实是否仍共同生活。',
  fix: '入户核实，已迁出且不共同生活的按程序减少。', reads: ['cancel_type', 'id_number'], settings: [], needs: ['national', 'police'], tables: [],
  check: (ctx) => collect(ctx, `SELECT r.person_key AS entity, r.household_key, r.village, r.id AS record_id, s.kind, r.name, r.cancel_date AS value FROM ${REC}
      WHERE s.kind = 'police' AND r.cancel_type LIKE '%迁出%' AND EXISTS (SELECT 1 FROM records n JOIN sources ns ON ns.id = n.source_id AND ns.kind = 'national' WHERE n.person_key = r.person_key)`, {}, { field: 'cancel_type', level: 'person' }, (hits) => `${hits[0]?.name ?? ''}户籍已迁出（${String(hits[0]?.value ?? '')}），仍是户 ${hits[0]?.household_key ?? ''} 的成员`),
  cases: [{ name: '迁出仍在户', ledgers: { national: family(), police: [{ name: '王磊', id_number: SON, cancel_type: '迁出' }] }, expect: [SON] }, { name: '出生登记不报', ledgers: { national: family(), police: [{ name: '王丽', id_number: DAUGHTER, cancel_type: '出生登记' }] }, expect: [] }],
};
