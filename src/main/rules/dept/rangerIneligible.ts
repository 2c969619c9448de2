import { caseId, family, SON } from '../caseBuilders';
import { AGE, collect, REC } from '../query';
import type { Rule } from '../types';

const ELDER = caseId('19500101', 11);

export const rule: Rule = {
  id: 'dept.ranger_ineligible', family: 'dept', severity: 'warning', level: 'person',
  title: '生态护林员不符合选聘条件', explanation: '护林员应为在册、在世、有劳动能力且在年龄范围内的脱贫人口或监测对象。',
  fix: '核实后调整护林员选聘，或更正台账信息。', reads: ['id_number', 'labour'], settings: ['rangerAge'], needs: ['national', 'forestry'],
  check: (ctx) => collect(ctx, `SELECT r.person_key AS entity, r.household_key, r.village, r.id AS record_id, s.kind, r.name,
        CASE WHEN n.id IS NULL THEN '不在册' WHEN n.labour IN ('无劳动力', '丧失劳动力') THEN n.labour ELSE ${AGE} || ' 岁' END AS value
      FROM ${REC} LEFT JOIN records n ON n.person_key = r.person_key AND n.source_id IN (SELECT id FROM sources WHERE kind = 'national')
      WHERE s.kind = 'forestry' AND (n.id IS NULL OR n.labour IN ('无劳动力', '丧失劳动力') OR ${AGE} NOT BETWEEN :from AND :to)`, { from: ctx.settings.rangerAge[0], to: ctx.settings.rangerAge[1] }, { field: null, level: 'person' }, (hits) => `生态护林员${hits[0]?.name ?? ''}不符合条件：${String(hits[0]?.value ?? '')}`),
  cases: [{ name: '超龄', ledgers: { national: family(), forestry: [{ name: '老王', id_number: ELDER }] }, expect: [ELDER] }, { name: '符合', ledgers: { national: family(), forestry: [{ name: '王磊', id_number: SON }] }, expect: [] }],
};
