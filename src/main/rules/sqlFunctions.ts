import type { Db } from '../workspace/workspace';

/** Functions rules call from SQL; deterministic, so SQLite may cache and index on them. */
export function registerRuleFunctions(db: Db): void {
  /** Whole years between a YYYY-MM-DD birth date and the asOf date. */
  db.function('age_on', { deterministic: true }, (birth: unknown, asOf: unknown) => {
    if (typeof birth !== 'string' || typeof asOf !== 'string' || birth.length < 10) return null;
    const years = Number(asOf.slice(0, 4)) - Number(birth.slice(0, 4));
    return asOf.slice(5, 10) < birth.slice(5, 10) ? years - 1 : years;
  });
  /** Months from one YYYY-MM(-DD) date to another. */
  db.function('months_between', { deterministic: true }, (from: unknown, to: unknown) => {
    if (typeof from !== 'string' || typeof to !== 'string' || from.length < 7 || to.length < 7) return null;
    return (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));
  });
}
