/** Census and inspection readiness (DOMAIN.md §6): the items a household must pass, and the rules that fail them. */
export const READINESS_ITEMS = [
  { id: 'education', label: '义务教育', rules: ['dept.school_dropout'] },
  { id: 'medical', label: '基本医疗', rules: ['dept.medical_uninsured'] },
  { id: 'housing', label: '住房安全', rules: ['dept.housing_unsafe'] },
  { id: 'water', label: '饮水安全', rules: ['dept.water_unsafe'] },
  {
    id: 'income', label: '收入',
    rules: ['income.below_line', 'income.sum_mismatch', 'income.per_capita_mismatch', 'income.unmonitored', 'income.risk_eliminated_low'],
  },
  { id: 'food', label: '不愁吃', rules: [] },
  { id: 'clothing', label: '不愁穿', rules: [] },
] as const;
export type ReadinessItem = (typeof READINESS_ITEMS)[number]['id'];

/** Items only a home visit can settle: they come from re-imported verification sheets. */
export const VISIT_ITEMS: readonly ReadinessItem[] = ['food', 'clothing'];

export type ReadinessState = 'ok' | 'fail' | 'unknown';
export const READINESS_STATES: Record<ReadinessState, string> = { ok: '达标', fail: '未达标', unknown: '无数据' };
