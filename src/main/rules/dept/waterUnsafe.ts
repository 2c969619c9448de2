import { family, HEAD } from '../caseBuilders';
import { collect, REC } from '../query';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'dept.water_unsafe', family: 'dept', severity: 'error', level: 'household',
  title: '饮水安全未解决', explanation: '饮水安全是脱贫和监测的底线指标，未解决的必须限期解决。',
  fix: '落实供水工程或应急措施，解决后更新水利台账和系统。', reads: ['water_safe'], settings: [], needs: ['national'], tables: [],
  check: (ctx) => collect(ctx, `SELECT r.household_key AS entity, r.household_key, r.village, r.id AS record_id, s.kind, r.person_key, r.water_safe AS value
      FROM ${REC} WHERE s.kind IN ('national', 'water') AND r.household_key IS NOT NULL AND r.water_safe = 0`, {}, { field: 'water_safe', level: 'household' }, (hits) => `户 ${hits[0]?.entity ?? ''} 饮水安全未解决（${[...new Set(hits.map((h) => h.kind === 'water' ? '水利台账' : '系统'))].join('、')}）`),
  cases: [{ name: '水利台账为否', ledgers: { national: family(), water: [{ head_name: '王强', head_id: HEAD, water_safe: 0 }] }, expect: ['H1'] }, { name: '已解决', ledgers: { national: family(), water: [{ head_name: '王强', head_id: HEAD, water_safe: 1 }] }, expect: [] }],
};
