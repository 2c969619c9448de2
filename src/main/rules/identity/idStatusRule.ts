import type { RuleMeta } from '../../../shared/domain/rules';
import { collect, ledger, REC, type Hit } from '../query';
import type { Finding, RuleContext } from '../types';

/** Identity rules that report records whose ID analysis (made at import) has one status. */
export function recordsWithIdStatus(ctx: RuleContext, status: string, describe: (h: Hit) => string): Finding[] {
  return collect(ctx, `SELECT r.person_key AS entity, r.household_key, r.village, r.id AS record_id, s.kind, r.name, r.id_number AS value
    FROM ${REC} WHERE r.id_status = :status`, { status }, { field: 'id_number', level: 'person' },
  (hits) => hits.map((h) => `${ledger(h.kind)}中${h.name ?? ''}的证件号码“${String(h.value)}”${describe(h)}`).join('；'));
}

export const IDENTITY_READS: RuleMeta['reads'] = ['id_number', 'name'];
