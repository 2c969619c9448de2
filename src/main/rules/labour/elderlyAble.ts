import { caseId, family, HEAD } from '../caseBuilders';
import { nationalPersons } from '../national';
import type { Rule } from '../types';

const ELDER = caseId('19500101', 11);

export const rule: Rule = {
  id: 'labour.elderly_able', family: 'labour', severity: 'warning', level: 'person',
  title: '60 岁以上登记为普通或技能劳动力', explanation: '60 岁以上老人一般不再计为普通或技能劳动力，需核实是否仍在务工。',
  fix: '入户核实劳动能力，据实登记。', reads: ['labour', 'id_number'], settings: [], needs: ['national'], tables: ['national'],
  check: (ctx) => nationalPersons(ctx, `r.age >= 60 AND r.labour IN ('普通劳动力', '技能劳动力')`, 'labour', (h) => `${h.name ?? ''}已满 60 周岁，劳动技能登记为“${String(h.value)}”`),
  cases: [{ name: '正常', ledgers: { national: family() }, expect: [] }, { name: '老人技能劳动力', ledgers: { national: family().map((r) => r.id_number === HEAD ? { ...r, id_number: ELDER } : r) }, expect: [ELDER] }],
};
