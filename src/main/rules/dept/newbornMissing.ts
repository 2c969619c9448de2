import { caseId, DAUGHTER, family, HEAD } from '../caseBuilders';
import { collect, REC } from '../query';
import type { Rule } from '../types';

const NEWBORN = caseId('20260101', 44);

export const rule: Rule = {
  id: 'dept.newborn_missing', family: 'dept', severity: 'warning', level: 'person',
  title: '新生儿未登记入户', explanation: '公安已登记出生、户主在册，但新生儿不在户内，家庭人口和医保、教育等都会漏算。',
  fix: '核实后按程序自然增加。', reads: ['cancel_type', 'head_id'], settings: [], needs: ['national', 'police'], tables: [],
  check: (ctx) => collect(ctx, `SELECT r.person_key AS entity, r.household_key, r.village, r.id AS record_id, s.kind, r.name, r.cancel_date AS value FROM ${REC}
      WHERE s.kind = 'police' AND r.cancel_type LIKE '%出生%' AND r.household_key IS NOT NULL AND NOT EXISTS (SELECT 1 FROM records n JOIN sources ns ON ns.id = n.source_id AND ns.kind = 'national' WHERE n.person_key = r.person_key)`, {}, { field: null, level: 'person' }, (hits) => `公安已登记${hits[0]?.name ?? ''}出生（${String(hits[0]?.value ?? '')}），户 ${hits[0]?.household_key ?? ''} 中没有此人`),
  cases: [{ name: '新生儿未入户', ledgers: { national: family(), police: [{ name: '王小', id_number: NEWBORN, cancel_type: '出生登记', head_id: HEAD }] }, expect: [NEWBORN] }, { name: '已入户', ledgers: { national: family(), police: [{ name: '王丽', id_number: DAUGHTER, cancel_type: '出生登记', head_id: HEAD }] }, expect: [] }],
};
