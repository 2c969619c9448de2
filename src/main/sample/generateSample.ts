import fs from 'node:fs';
import path from 'node:path';
import type { LedgerKindId } from '../../shared/domain/ledgerKinds';
import { cleanHouseholds, injectDefects, type TruthDefect } from './defects';
import { layOut, type TruthFormatting } from './layouts';
import { buildViews } from './ledgerViews';
import { Random } from './random';
import { buildTownship } from './reality';
import { writeSheets } from './writeFiles';

export interface SampleOptions {
  households?: number;
  seed?: number;
  /** The date the data describe; fixed so that a seed always gives the same files. */
  asOf?: string;
  onFile?: (file: string) => void;
}

export interface GroundTruth {
  seed: number;
  households: number;
  persons: number;
  asOf: string;
  county: string;
  town: string;
  villages: string[];
  files: { kind: LedgerKindId; file: string; format: string; sheets: string[]; rows: number }[];
  defects: TruthDefect[];
  /** Households no defect touched: nothing above 提示 may be raised on them. */
  cleanHouseholds: string[];
  /** Formatting-only differences written on purpose (the first ones, up to a limit). */
  formatting: TruthFormatting[];
}

export const GROUND_TRUTH_FILE = 'ground-truth.json';
const FORMATTING_LIMIT = 2000;

/** Write a synthetic township as every ledger kind, with defects at known places; never real personal data. */
export async function generateSample(dir: string, options: SampleOptions = {}): Promise<GroundTruth> {
  const households = options.households ?? 600;
  const seed = options.seed ?? 1;
  const asOf = options.asOf ?? '2026-06-30';
  if (!Number.isInteger(households) || households < 10 || households > 200_000) {
    throw new RangeError('户数应在 10 到 200000 之间');
  }
  const rng = new Random(seed);
  const township = buildTownship(rng, households, new Date(`${asOf}T00:00:00Z`));
  const views = buildViews(township);
  const defects = injectDefects(township, views, rng, Math.max(1, Math.round(households / 300)));
  const formatting: TruthFormatting[] = [];
  fs.mkdirSync(dir, { recursive: true });
  const files: GroundTruth['files'] = [];
  for (const planned of layOut(township, views, rng, formatting, FORMATTING_LIMIT)) {
    await writeSheets(path.join(dir, planned.file), planned.format, planned.sheets);
    files.push({
      kind: planned.kind, file: planned.file, format: planned.format, sheets: planned.sheets.map((s) => s.name),
      rows: planned.sheets.reduce((n, s) => n + s.rows.length, 0),
    });
    options.onFile?.(planned.file);
  }
  const truth: GroundTruth = {
    seed, households, persons: township.households.reduce((n, h) => n + h.members.length, 0), asOf,
    county: township.county, town: township.town, villages: township.villages, files, defects,
    cleanHouseholds: cleanHouseholds(township, defects), formatting,
  };
  fs.writeFileSync(path.join(dir, GROUND_TRUTH_FILE), JSON.stringify(truth, null, 1));
  return truth;
}
