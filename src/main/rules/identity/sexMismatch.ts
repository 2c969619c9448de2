import { caseId } from '../caseBuilders';
import { collect, ledger, REC } from '../query';
import type { Rule } from '../types';
import { SEX_DISAGREES } from '../../workspace/migrations/008_id_disagreement_indexes';

const male = caseId('19800101', 21);

export const rule: Rule = {
  id: 'identity.sex_mismatch', family: 'identity', severity: 'error', level: 'person',
  title: '性别与证件号码不符',
  explanation: '证件号码第 17 位奇数为男、偶数为女；性别栏与之不符，说明号码或性别有一处录错。',
  fix: '对照身份证原件核对性别和号码。',
  reads: ['id_number', 'sex'], settings: [], needs: [], tables: [],
  check: (ctx) => collect(ctx, `SELECT r.person_key AS entity, r.household_key, r.village, r.id AS record_id, s.kind, r.name, r.sex AS value
      FROM ${REC} WHERE r.id_status IN ('ok', 'legacy15') AND r.sex IN ('男', '女') AND ${SEX_DISAGREES}`,
    {}, { field: 'sex', level: 'person' },
    (hits) => hits.map((h) => `${ledger(h.kind)}中${h.name ?? ''}性别为“${String(h.value)}”，证件号码第 17 位表示${h.value === '男' ? '女' : '男'}`).join('；')),
  cases: [
    { name: '男号登记为女', ledgers: { national: [{ name: '王强', id_number: male, sex: '女' }] }, expect: [male] },
    { name: '一致', ledgers: { national: [{ name: '王强', id_number: male, sex: '男' }] }, expect: [] },
    { name: '性别空白不报', ledgers: { national: [{ name: '王强', id_number: male, sex: null }] }, expect: [] },
  ],
};
