import { family, familyWithoutNumber, SON } from '../caseBuilders';
import { collect, ledger } from '../query';
import type { Rule } from '../types';
import { checkTable } from '../checkTables';

export const rule: Rule = {
  id: 'ledger.missing', family: 'ledger', severity: 'error', level: 'person',
  title: '系统中有、台账中没有的成员', explanation: '国家系统登记的成员应在户卡、村表、乡册中都有记载（户有卡、村有表、乡有册）。只比对该台账覆盖到的村。',
  fix: '核实此人是否仍是本户成员：是则补登到台账，否则在系统中办理减少。', reads: ['id_number', 'village'], settings: [], needs: ['national'], tables: ['roll', 'roll_by_person', 'person_kinds', 'roll_villages'],
  check: (ctx) => {
    const roll = checkTable(ctx, 'roll');
    // From the persons not in every roll ledger kind there is (CROSS JOIN keeps that order) to their national rows. The
    // kinds there are: the national export and the kinds of `covered`, counted from it rather than from the roll again.
    return collect(ctx, `WITH covered AS MATERIALIZED (SELECT kind, village FROM ${checkTable(ctx, 'roll_villages')} WHERE kind <> 'national')
      SELECT n.person_key AS entity, n.household_key, n.village, n.id AS record_id, c.kind, n.name, '缺' AS value
      FROM ${checkTable(ctx, 'person_kinds')} p CROSS JOIN ${roll} n ON n.person_key = p.person_key AND n.kind = 'national'
        JOIN covered c ON c.village = n.village
      WHERE p.kind_count <= (SELECT count(DISTINCT kind) FROM covered) AND n.link_method = 'id' AND instr(p.kinds, ',' || c.kind || ',') = 0`,
    {}, { field: null, level: 'person' },
    (hits) => `系统中有${hits[0]?.name ?? ''}（户 ${hits[0]?.household_key ?? ''}），${[...new Set(hits.map((h) => ledger(h.kind)))].join('、')}中没有此人`);
  },
  cases: [
    { name: '村表漏登儿子', ledgers: { national: family(), village: familyWithoutNumber().filter((r) => r.id_number !== SON) }, expect: [SON] },
    { name: '齐全', ledgers: { national: family(), village: familyWithoutNumber() }, expect: [] },
    { name: '台账未覆盖的村不比对', ledgers: { national: family(), village: familyWithoutNumber({}, { village: '团结村' }).slice(0, 0).concat([{ name: '赵六', id_number: null, village: '团结村', relation: '户主' }]) }, expect: [] },
  ],
};
