import { family, HEAD } from '../caseBuilders';
import { collect, REC } from '../query';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'dept.housing_unsafe', family: 'dept', severity: 'error', level: 'household',
  title: '危房未改造', explanation: '住房安全是“三保障”之一，C、D 级危房必须完成改造或搬迁。',
  fix: '落实危房改造或易地搬迁，完成后更新住建台账。', reads: ['house_grade', 'renovation_status'], settings: [], needs: ['housing'], tables: [],
  check: (ctx) => collect(ctx, `SELECT r.household_key AS entity, r.household_key, r.village, r.id AS record_id, s.kind, r.person_key, r.house_grade || '级，' || coalesce(r.renovation_status, '未注明改造情况') AS value
      FROM ${REC} WHERE s.kind = 'housing' AND r.household_key IS NOT NULL AND r.house_grade IN ('C', 'D')
        AND coalesce(r.renovation_status, '') NOT LIKE '%完成%' AND coalesce(r.renovation_status, '') NOT LIKE '%已改造%' AND coalesce(r.renovation_status, '') NOT LIKE '%搬迁%'`, {}, { field: 'house_grade', level: 'household' }, (hits) => `户 ${hits[0]?.entity ?? ''} 住房鉴定为${String(hits[0]?.value ?? '')}`),
  cases: [{ name: 'D 级未改造', ledgers: { national: family(), housing: [{ head_name: '王强', head_id: HEAD, house_grade: 'D', renovation_status: '未改造' }] }, expect: ['H1'] }, { name: 'C 级已完成', ledgers: { national: family(), housing: [{ head_name: '王强', head_id: HEAD, house_grade: 'C', renovation_status: '已完成改造' }] }, expect: [] }],
};
