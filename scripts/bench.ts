/**
 * npm run bench: measures on a county-size synthetic sample (100 000 households; BENCH_HOUSEHOLDS to change) and
 * prints one table, also written to bench/results.json. Each stage runs in its own child process so that its peak
 * RSS is its own.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { decodeText } from '../src/main/import/decodeText';
import { importFile } from '../src/main/import/importFile';
import { sniffFormat } from '../src/main/import/sniff';
import { generateSample, GROUND_TRUTH_FILE, type GroundTruth } from '../src/main/sample/generateSample';
import { openWorkspace } from '../src/main/workspace/workspace';

interface StageResult {
  stage: string;
  ms: number;
  rows: number;
  peakRssMb: number;
}

const households = Number(process.env.BENCH_HOUSEHOLDS ?? 100_000);
const seed = Number(process.env.BENCH_SEED ?? 1);
const workDir = path.resolve('bench/work', `county-${households}-seed${seed}`);
const filesDir = path.join(workDir, 'files');

function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

function sampleFiles(): string[] {
  const truth = JSON.parse(fs.readFileSync(path.join(filesDir, GROUND_TRUTH_FILE), 'utf8')) as GroundTruth;
  return truth.files.map((f) => path.join(filesDir, f.file));
}

/** The floor: SheetJS alone reading every file, with the options it needs to read them at all. */
function parseFloor(): StageResult {
  const started = performance.now();
  let rows = 0;
  for (const file of sampleFiles()) {
    const bytes = fs.readFileSync(file);
    const format = sniffFormat(bytes, file);
    const wb = format === 'csv'
      ? XLSX.read(decodeText(bytes).text, { type: 'string', raw: true, dense: true })
      : XLSX.read(bytes, { type: 'buffer', dense: true });
    for (const name of wb.SheetNames) rows += ((wb.Sheets[name]?.['!data'] as unknown[] | undefined) ?? []).length;
  }
  return { stage: 'parse (SheetJS alone)', ms: performance.now() - started, rows, peakRssMb: peakRssMb() };
}

function importAll(): StageResult {
  const dbFile = path.join(workDir, 'bench.db');
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(dbFile + suffix, { force: true });
  const db = openWorkspace(dbFile, { create: true });
  const started = performance.now();
  let rows = 0;
  for (const file of sampleFiles()) rows += importFile(db, file).rowsImported;
  const ms = performance.now() - started;
  db.close();
  return { stage: 'import', ms, rows, peakRssMb: peakRssMb() };
}

async function generate(): Promise<StageResult> {
  const started = performance.now();
  const truth = await generateSample(filesDir, { households, seed });
  return { stage: 'generate sample', ms: performance.now() - started, rows: truth.persons, peakRssMb: peakRssMb() };
}

function runStage(stage: string): StageResult {
  const out = execFileSync(process.execPath, ['--max-old-space-size=8192', process.argv[1] ?? '', '--stage', stage], {
    encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as StageResult;
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main(): Promise<void> {
  const stageArg = process.argv.indexOf('--stage');
  if (stageArg > 0) {
    const stage = process.argv[stageArg + 1];
    const result = stage === 'generate' ? await generate() : stage === 'parse' ? parseFloor() : importAll();
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const results: StageResult[] = [];
  if (!fs.existsSync(path.join(filesDir, GROUND_TRUTH_FILE))) {
    process.stderr.write(`generating ${households} households into ${filesDir} …\n`);
    results.push(runStage('generate'));
  }
  const floor = runStage('parse');
  const imported = runStage('import');
  results.push(floor, imported);
  const ratio = imported.ms / floor.ms;
  const peak = Math.max(...results.map((r) => r.peakRssMb));
  const targets = [
    { name: 'import time / SheetJS parse floor', value: Number(ratio.toFixed(2)), unit: 'x', target: 1.5, met: ratio <= 1.5 },
    { name: 'peak memory', value: peak, unit: 'MB', target: 1536, met: peak <= 1536 },
  ];
  const lines = [
    `county sample: ${fmt(households)} households, seed ${seed}, ${fmt(imported.rows)} rows in ${sampleFiles().length} files`,
    '',
    `${'stage'.padEnd(24)}${'wall time'.padStart(12)}${'rows/s'.padStart(12)}${'peak RSS'.padStart(12)}`,
    ...results.map((r) => `${r.stage.padEnd(24)}${`${fmt(r.ms / 1000, 1)} s`.padStart(12)}${fmt(r.rows / (r.ms / 1000)).padStart(12)}${`${fmt(r.peakRssMb)} MB`.padStart(12)}`),
    '',
    `import / parse floor: ${ratio.toFixed(2)}x`,
    ...targets.map((t) => `target ${t.name}: ${t.value} ${t.unit} (≤ ${t.target}) ${t.met ? 'met' : 'NOT met'}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  fs.mkdirSync('bench', { recursive: true });
  fs.writeFileSync('bench/results.json', `${JSON.stringify({ date: new Date().toISOString(), households, seed, cpus: (await import('node:os')).cpus().length, stages: results, targets }, null, 2)}\n`);
}

await main();
