import { checkCharacter } from '../../../shared/domain/idNumber';
import { caseId } from '../caseBuilders';
import { collect, ledger, REC } from '../query';
import type { Rule } from '../types';

/** Province-level codes of GB/T 2260 (the first two digits of every valid region code). */
const PROVINCES = [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82];
/** A valid ID but for its region code. */
const fromRegion = (region: string): string => {
  const body = `${region}${caseId('19800101', 22).slice(6, 17)}`;
  return body + checkCharacter(body);
};

/**
 * The person keys that begin with no province's code, as ranges of the person index: a linked record with a usable ID has
 * that ID as its person key (linkRecords.ts), so the index finds the few with a code that does not exist.
 */
const UNKNOWN_PROVINCE_KEYS = ((): string => {
  const ranges: string[] = [];
  let from: number | null = null;
  for (let code = 0; code <= 100; code++) {
    const unknown = code < 100 && !PROVINCES.includes(code);
    if (unknown && from === null) from = code;
    if (!unknown && from !== null) {
      // ':' sorts just after '9': the last range takes every key from its first code up to the end of the digits.
      const to = code === 100 ? ':' : String(code).padStart(2, '0');
      ranges.push(from === 0 ? `person_key < '${to}'` : `(person_key >= '${String(from).padStart(2, '0')}' AND person_key < '${to}')`);
      from = null;
    }
  }
  return ranges.join(' OR ');
})();

export const rule: Rule = {
  id: 'identity.region_unknown', family: 'identity', severity: 'warning', level: 'person',
  title: '证件号码的地区代码无效',
  explanation: '前 6 位是签发地的行政区划代码，这里的省级代码不存在，号码很可能录错。',
  fix: '对照身份证原件核对前 6 位。',
  reads: ['id_number'], settings: [], needs: [], tables: [],
  // Found through the person index by ranges of keys (11 ms on a county, against 0.76–0.91 s for a pass over every
  // record's ID, measured); the code is tested again on the few found, from the ID itself.
  check: (ctx) => collect(ctx, `SELECT r.person_key AS entity, r.household_key, r.village, r.id AS record_id, s.kind, r.name, r.id_number AS value
      FROM ${REC} WHERE r.id IN (SELECT id FROM records WHERE ${UNKNOWN_PROVINCE_KEYS})
        AND r.id_status IN ('ok', 'legacy15') AND CAST(substr(r.id_number, 1, 2) AS INTEGER) NOT IN (${PROVINCES.join(', ')})`,
    {}, { field: 'id_number', level: 'person' },
    (hits) => `${hits[0]?.name ?? ''}的证件号码前 6 位“${String(hits[0]?.value).slice(0, 6)}”不是有效的行政区划代码（${[...new Set(hits.map((h) => ledger(h.kind)))].join('、')}）`),
  cases: [
    { name: '省级代码 99', ledgers: { national: [{ name: '王芳', id_number: fromRegion('990101') }] }, expect: [fromRegion('990101')] },
    { name: '省级代码 10', ledgers: { national: [{ name: '王芳', id_number: fromRegion('100101') }] }, expect: [fromRegion('100101')] },
    { name: '省级代码 39', ledgers: { national: [{ name: '王芳', id_number: fromRegion('390101') }] }, expect: [fromRegion('390101')] },
    { name: '省级代码 83', ledgers: { national: [{ name: '王芳', id_number: fromRegion('830101') }] }, expect: [fromRegion('830101')] },
    { name: '云南代码', ledgers: { national: [{ name: '王芳', id_number: caseId('19800101', 22) }] }, expect: [] },
    { name: '北京、澳门代码', ledgers: { national: [{ name: '王芳', id_number: fromRegion('110101') }, { name: '李娜', id_number: fromRegion('820101') }] }, expect: [] },
  ],
};
