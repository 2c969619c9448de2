import { family } from '../caseBuilders';
import { nationalHouseholds } from '../national';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'status.exit_year_range', family: 'status', severity: 'error', level: 'household',
  title: '脱贫年度不合理', explanation: '脱贫年度应在 2014–2020 年之间，且不早于首次识别年度。',
  fix: '按脱贫验收材料更正脱贫年度或识别年度。', reads: ['exit_year', 'first_year'], settings: ['exitYearRange'], needs: ['national'], tables: ['national', 'national_households'],
  check: (ctx) => nationalHouseholds(ctx, 'r.exit_year IS NOT NULL AND (r.exit_year < :from OR r.exit_year > :to OR r.exit_year < coalesce(r.first_year, 0))', 'exit_year', (h) => `户 ${h.entity} 脱贫年度为 ${String(h.value)}，不在 ${ctx.settings.exitYearRange[0]}–${ctx.settings.exitYearRange[1]} 年之间或早于首次识别年度`, { from: ctx.settings.exitYearRange[0], to: ctx.settings.exitYearRange[1] }),
  cases: [{ name: '2012 年', ledgers: { national: family({}, { exit_year: 2012 }) }, expect: ['H1'] }, { name: '早于识别', ledgers: { national: family({}, { exit_year: 2015, first_year: 2016 }) }, expect: ['H1'] }, { name: '正常', ledgers: { national: family() }, expect: [] }],
};
