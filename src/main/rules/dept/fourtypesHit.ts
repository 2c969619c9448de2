import { family, OTHER_HEAD, SON } from '../caseBuilders';
import { collect, REC } from '../query';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'dept.fourtypes_hit', family: 'dept', severity: 'warning', level: 'person',
  title: '四类人员比对命中', explanation: '财政供养、有车、有商品房、工商注册的人员原则上不应是建档立卡对象，需逐一核实。',
  fix: '入户核实并取得佐证，不符合条件的按程序处理。', reads: ['id_number', 'fourtype_category'], settings: [], needs: ['national', 'fourtypes'], tables: [],
  check: (ctx) => collect(ctx, `SELECT r.person_key AS entity, r.household_key, r.village, r.id AS record_id, s.kind, r.name, r.fourtype_category AS value
      FROM ${REC} WHERE s.kind = 'fourtypes' AND EXISTS (SELECT 1 FROM records n JOIN sources ns ON ns.id = n.source_id AND ns.kind = 'national' WHERE n.person_key = r.person_key)`, {}, { field: null, level: 'person' }, (hits) => `${hits[0]?.name ?? ''}在四类人员比对中为“${String(hits[0]?.value ?? '')}”`),
  cases: [{ name: '财政供养', ledgers: { national: family(), fourtypes: [{ name: '王磊', id_number: SON, fourtype_category: '财政供养人员' }] }, expect: [SON] }, { name: '不在册的人', ledgers: { national: family(), fourtypes: [{ name: '张三', id_number: OTHER_HEAD, fourtype_category: '车辆' }] }, expect: [] }],
};
