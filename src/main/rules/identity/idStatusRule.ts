import type { RuleMeta } from '../../../shared/domain/rules';
import { PROBABLE_EVIDENCE } from '../../link/messages';
import { ID_PROBLEM } from '../../workspace/migrations/005_id_problem_index';
import { collect, ledger, REC, type Hit } from '../query';
import type { Finding, RuleContext } from '../types';

/**
 * Identity rules that report records whose ID analysis (made at import) has one status. A record linked to a person
 * as a probable match says so, with the evidence: the full ID is suggested, never written.
 */
export function recordsWithIdStatus(ctx: RuleContext, status: string, describe: (h: Hit) => string): Finding[] {
  const probable = ctx.db.prepare("SELECT link_confidence AS c FROM records WHERE id = ? AND link_method = 'probable'");
  return collect(ctx, `SELECT r.person_key AS entity, r.household_key, r.village, r.id AS record_id, s.kind, r.name, r.id_number AS value
    FROM ${REC} WHERE r.${ID_PROBLEM} AND r.id_status = :status`, { status }, { field: 'id_number', level: 'person' },
  (hits) => hits.map((h) => {
    const match = probable.get(h.record_id) as { c: number } | undefined;
    const hint = match
      ? `；疑似为证件号码 ${h.entity} 的同一人（依据：${PROBABLE_EVIDENCE[String(match.c)] ?? '姓名相同'}，可信度 ${Math.round(match.c * 100)}%），请核实后更正`
      : '';
    return `${ledger(h.kind)}中${h.name ?? ''}的证件号码“${String(h.value)}”${describe(h)}${hint}`;
  }).join('；'));
}

export const IDENTITY_READS: RuleMeta['reads'] = ['id_number', 'name'];
