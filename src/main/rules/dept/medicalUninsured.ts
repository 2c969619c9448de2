import { family, SON } from '../caseBuilders';
import { collect } from '../query';
import type { Rule } from '../types';
import { nationalRows } from '../national';
import { checkTable } from '../checkTables';

export const rule: Rule = {
  id: 'dept.medical_uninsured', family: 'dept', severity: 'error', level: 'person',
  title: '未参加基本医疗保险', explanation: '基本医疗保障是“三保障”之一，脱贫人口应应保尽保（新生儿、现役军人除外）。',
  fix: '动员参保或核实在其他地方参保的凭证。', reads: ['id_number', 'insured_status'], settings: [], needs: ['national', 'medical'], tables: ['dept', 'national'],
  check: (ctx) => {
    const dept = checkTable(ctx, 'dept');
    return collect(ctx, `SELECT r.person_key AS entity, r.household_key, r.village, r.id AS record_id, r.kind, r.name,
        coalesce((SELECT max(m.insured_status) FROM ${dept} m WHERE m.person_key = r.person_key AND m.kind = 'medical'), '医保名单中无此人') AS value
      FROM ${nationalRows(ctx)} WHERE r.link_method = 'id' AND r.age >= 1 AND coalesce(r.work_status, '') NOT LIKE '%军%'
        AND NOT EXISTS (SELECT 1 FROM ${dept} m
          WHERE m.person_key = r.person_key AND m.kind = 'medical' AND (m.insured_status LIKE '%正常%' OR m.insured_status IN ('参保', '已参保', '在保', '缴费')))`, {}, { field: 'insured_status', level: 'person' }, (hits) => `${hits[0]?.name ?? ''}未参加基本医疗保险（${String(hits[0]?.value ?? '')}）`);
  },
  cases: [{ name: '未参保', ledgers: { national: family(), medical: family().map((r) => ({ name: r.name ?? null, id_number: r.id_number ?? null, insured_status: r.id_number === SON ? '未参保' : '正常参保' })) }, expect: [SON] }, { name: '全部参保', ledgers: { national: family(), medical: family().map((r) => ({ name: r.name ?? null, id_number: r.id_number ?? null, insured_status: '正常参保' })) }, expect: [] }],
};
