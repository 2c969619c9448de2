import { family, SON } from '../caseBuilders';
import { collect, REC } from '../query';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'dept.deceased_member', family: 'dept', severity: 'error', level: 'person',
  title: '公安已注销死亡仍在户内', explanation: '已死亡人员仍在脱贫户或监测户中，会造成人口、收入和政策享受数据失真。',
  fix: '核实后按程序办理自然减少。', reads: ['cancel_type', 'id_number'], settings: [], needs: ['national', 'police'], tables: [],
  check: (ctx) => collect(ctx, `SELECT r.person_key AS entity, r.household_key, r.village, r.id AS record_id, s.kind, r.name, r.cancel_date AS value FROM ${REC}
      WHERE s.kind = 'police' AND r.cancel_type LIKE '%死亡%' AND EXISTS (SELECT 1 FROM records n JOIN sources ns ON ns.id = n.source_id AND ns.kind = 'national' WHERE n.person_key = r.person_key)`, {}, { field: 'cancel_type', level: 'person' }, (hits) => `${hits[0]?.name ?? ''}已由公安注销（死亡，${String(hits[0]?.value ?? '')}），仍是户 ${hits[0]?.household_key ?? ''} 的成员`),
  cases: [{ name: '死亡仍在户', ledgers: { national: family(), police: [{ name: '王磊', id_number: SON, cancel_type: '死亡', cancel_date: '2026-03-01' }] }, expect: [SON] }, { name: '死亡者不在户', ledgers: { national: family().slice(0, 2), police: [{ name: '王磊', id_number: SON, cancel_type: '死亡' }] }, expect: [] }],
};
