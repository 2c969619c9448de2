import { UserError } from '../errors';
import type { Db } from '../workspace/workspace';
import { SETTINGS_MESSAGES } from './messages';

/** Thresholds and local policy (DOMAIN.md §5): defaults here, each overridable per workspace. */
export interface Settings {
  /** The date the data describe (YYYY-MM-DD); ages are computed on it. Null: today. */
  asOf: string | null;
  /** Poverty line by income year; a year uses the latest line at or before it. */
  povertyLine: Record<string, number>;
  /** Monitoring threshold by income year (2021 on). */
  monitoringThreshold: Record<string, number>;
  schoolAge: [number, number];
  rangerAge: [number, number];
  publicPostAge: [number, number];
  marriageAge: { 男: number; 女: number };
  exitYearRange: [number, number];
  /** Months between identification and elimination below which elimination is suspicious. */
  minMonthsToEliminate: number;
  /** Region codes (6 digits) of the county; IDs from elsewhere are noted. Empty: only the province is checked. */
  localRegions: string[];
  /** Operator name written into the correction and issue history. */
  operator: string;
  /** Digits of an ID a 公示 list keeps at the start and the end (at most 6 and 4: the birth date never shows). */
  noticeMask: [number, number];
}

export const DEFAULT_SETTINGS: Settings = {
  asOf: null,
  povertyLine: { '2014': 2800, '2016': 3000, '2018': 3500, '2020': 4000 },
  monitoringThreshold: { '2021': 6000 },
  schoolAge: [6, 15],
  rangerAge: [18, 60],
  publicPostAge: [16, 70],
  marriageAge: { 男: 22, 女: 20 },
  exitYearRange: [2014, 2020],
  minMonthsToEliminate: 6,
  localRegions: [],
  operator: '',
  noticeMask: [6, 4],
};

export type SettingKey = keyof Settings;

export function loadSettings(db: Db): Settings {
  const rows = db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
  const stored: Record<string, unknown> = {};
  for (const { key, value } of rows) if (Object.hasOwn(DEFAULT_SETTINGS, key)) stored[key] = JSON.parse(value);
  return { ...DEFAULT_SETTINGS, ...stored } as Settings;
}

/** A setting given as text (CLI, UI form): parsed as JSON and checked against the default's shape. */
export function parseSetting(key: string, text: string): { key: SettingKey; value: Settings[SettingKey] } {
  if (!Object.hasOwn(DEFAULT_SETTINGS, key)) {
    throw new UserError('BAD_INPUT', SETTINGS_MESSAGES.noSuchSetting(key, Object.keys(DEFAULT_SETTINGS)));
  }
  const k = key as SettingKey;
  const fallback = DEFAULT_SETTINGS[k];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = text;
  }
  const shape = (v: unknown) => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v);
  const allowed = k === 'asOf' ? ['string', 'null'] : [shape(fallback)];
  const ok = allowed.includes(shape(value)) && (!Array.isArray(fallback) || (Array.isArray(value) && value.length === fallback.length || k === 'localRegions'));
  if (!ok || (k === 'asOf' && typeof value === 'string' && !/^\d{4}-\d{2}-\d{2}$/.test(value))) {
    throw new UserError('BAD_INPUT', SETTINGS_MESSAGES.wrongShape(key, JSON.stringify(fallback), text));
  }
  return { key: k, value: value as Settings[SettingKey] };
}

export function saveSetting<K extends SettingKey>(db: Db, key: K, value: Settings[K]): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));
}

/** The value in force for a year: the entry for the latest year at or before it. */
export function byYear(table: Record<string, number>, year: number): number | null {
  const years = Object.keys(table).map(Number).filter((y) => y <= year).sort((a, b) => b - a);
  const y = years[0];
  return y === undefined ? null : (table[String(y)] ?? null);
}

export function asOfDate(settings: Settings): string {
  return settings.asOf ?? new Date().toISOString().slice(0, 10);
}
