import { family, SON } from '../caseBuilders';
import { collect } from '../query';
import type { Rule } from '../types';
import { nationalRows } from '../national';
import { checkTable } from '../checkTables';

export const rule: Rule = {
  id: 'dept.disability_health', family: 'dept', severity: 'warning', level: 'person',
  title: '持残疾人证但健康状况未登记残疾', explanation: '残联发证的残疾人，健康状况应登记“残疾”，否则残疾人补贴等政策对不上。',
  fix: '核对残疾人证，更正健康状况。', reads: ['health', 'disability_card'], settings: [], needs: ['national', 'disability'], tables: ['national', 'dept'],
  check: (ctx) => collect(ctx, `SELECT r.person_key AS entity, r.household_key, r.village, r.id AS record_id, r.kind, r.name, r.health AS value
      FROM ${nationalRows(ctx)} WHERE coalesce(r.health, '') NOT LIKE '%残疾%'
        AND r.person_key IN (SELECT d.person_key FROM ${checkTable(ctx, 'dept')} d WHERE d.kind = 'disability')`, {}, { field: 'health', level: 'person' }, (hits) => `${hits[0]?.name ?? ''}持有残疾人证，健康状况登记为“${String(hits[0]?.value ?? '空白')}”`),
  cases: [{ name: '健康但持证', ledgers: { national: family({ son: { health: '健康' } }), disability: [{ name: '王磊', disability_card: `${SON}42` }] }, expect: [SON] }, { name: '已登记残疾', ledgers: { national: family({ son: { health: '残疾' } }), disability: [{ name: '王磊', disability_card: `${SON}42` }] }, expect: [] }],
};
