import { caseId } from '../caseBuilders';
import { collect, ledger, REC } from '../query';
import type { Rule } from '../types';
import { BIRTH_DISAGREES } from '../../workspace/migrations/008_id_disagreement_indexes';

const id = caseId('19800101', 21);

export const rule: Rule = {
  id: 'identity.birthdate_mismatch', family: 'identity', severity: 'error', level: 'person',
  title: '出生日期与证件号码不符',
  explanation: '证件号码第 7–14 位就是出生日期；出生日期栏与之不符，说明其中一处录错。',
  fix: '对照身份证原件更正。',
  reads: ['id_number', 'birth_date'], settings: [], needs: [], tables: [],
  check: (ctx) => collect(ctx, `SELECT r.person_key AS entity, r.household_key, r.village, r.id AS record_id, s.kind, r.name, r.birth_date AS value
      FROM ${REC} WHERE r.id_status IN ('ok', 'legacy15') AND r.birth_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]*'
        AND ${BIRTH_DISAGREES}`,
    {}, { field: 'birth_date', level: 'person' },
    (hits) => hits.map((h) => `${ledger(h.kind)}中${h.name ?? ''}出生日期为 ${String(h.value)}，证件号码中为 ${h.entity.slice(6, 10)}-${h.entity.slice(10, 12)}-${h.entity.slice(12, 14)}`).join('；')),
  cases: [
    { name: '年份不同', ledgers: { card: [{ name: '王强', id_number: id, birth_date: '1981-01-01' }] }, expect: [id] },
    { name: '一致', ledgers: { card: [{ name: '王强', id_number: id, birth_date: '1980-01-01' }] }, expect: [] },
    { name: '只到月份且一致', ledgers: { card: [{ name: '王强', id_number: id, birth_date: '1980-01' }] }, expect: [] },
  ],
};
