import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { UserError } from '../../../src/main/errors';
import { commitImport } from '../../../src/main/import/commitImport';
import { importFile, readInputFile } from '../../../src/main/import/importFile';
import { planImport } from '../../../src/main/import/planImport';
import type { Db } from '../../../src/main/workspace/workspace';
import { snapshot, tempDir, tempWorkspace, writeFile } from '../../helpers';

/** Deterministic pseudo-random numbers (mulberry32), so a failing mutant can be reproduced from its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rows = (string | number | { f: string })[][];

const HEADER = ['序号', '户编号', '户主', '姓名', '身份证号', '与户主关系', '家庭人数', '脱贫年度'];
const IDS = ['11010519491231002X', '530523199003071234', '440524188001010014', '530102198607211535'];

function villageRows(): Rows {
  const rows: Rows = [['青山乡新华村扶贫对象花名册'], ['填报单位：新华村'], HEADER];
  for (let i = 0; i < 24; i++) {
    rows.push([i + 1, `53052310100${Math.floor(i / 3)}`, `户主${Math.floor(i / 3)}`, `成员${i}`, IDS[i % IDS.length] ?? '', i % 3 === 0 ? '户主' : '之子', '3人', '2018年']);
  }
  rows.push(['合计', '', '', '', '', '', '', '']);
  return rows;
}

function toSheet(rows: Rows): XLSX.WorkSheet {
  const ws = XLSX.utils.aoa_to_sheet(rows.map((r) => r.map((c) => (typeof c === 'object' ? null : c))));
  rows.forEach((r, ri) => r.forEach((c, ci) => {
    if (typeof c === 'object') ws[XLSX.utils.encode_cell({ r: ri, c: ci })] = { t: 'n', f: c.f, v: 0 };
  }));
  return ws;
}

function write(rows: Rows, format: 'xlsx' | 'xls' | 'csv'): Buffer {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, toSheet(rows), '新华村');
  if (format === 'csv') return Buffer.from(XLSX.utils.sheet_to_csv(wb.Sheets['新华村'] ?? {}), 'utf8');
  return XLSX.write(wb, { type: 'buffer', bookType: format === 'xls' ? 'biff8' : 'xlsx' }) as Buffer;
}

/** Byte-level damage: what a failing USB stick, a cut-off download or a bad mail gateway does to a file. */
const BYTE_MUTATIONS: Record<string, (bytes: Buffer, rnd: () => number) => Buffer> = {
  'bit flips': (b, rnd) => {
    const out = Buffer.from(b);
    for (let i = 0; i < 1 + Math.floor(rnd() * 16); i++) {
      const at = Math.floor(rnd() * out.length);
      out[at] = (out[at] ?? 0) ^ (1 << Math.floor(rnd() * 8));
    }
    return out;
  },
  truncation: (b, rnd) => b.subarray(0, Math.floor(rnd() * b.length)),
  'zeroed block': (b, rnd) => {
    const out = Buffer.from(b);
    const at = Math.floor(rnd() * out.length);
    out.fill(0, at, Math.min(out.length, at + 1 + Math.floor(rnd() * 4096)));
    return out;
  },
  'random bytes inserted': (b, rnd) => {
    const at = Math.floor(rnd() * b.length);
    const junk = Buffer.from(Array.from({ length: 1 + Math.floor(rnd() * 512) }, () => Math.floor(rnd() * 256)));
    return Buffer.concat([b.subarray(0, at), junk, b.subarray(at)]);
  },
};

/** Content that real workbooks carry and a naive reader trips on. */
const HOSTILE_CONTENT: Record<string, (rows: Rows, huge: number) => Rows> = {
  'a huge string in a cell': (rows, huge) => rows.map((r, i) => (i === 5 ? r.map((c, j) => (j === 3 ? '王'.repeat(huge) : c)) : r)),
  'a huge string in a header': (rows, huge) => rows.map((r, i) => (i === 2 ? [...r, '备'.repeat(huge)] : r)),
  formulas: (rows) => rows.map((r, i) => (i > 2 ? r.map((c, j) => (j === 6 ? { f: 'SUM(A1:A3)' } : j === 2 ? '=HYPERLINK("http://x","户主")' : c)) : r)),
  '__proto__, constructor and prototype headers': (rows) => rows.map((r, i) => (i === 2 ? [...r, '__proto__', 'constructor', 'prototype', 'toString'] : i > 2 ? [...r, '{"polluted":1}', 'x', 'y', 'z'] : r)),
  'zero-width and direction characters in headers and IDs': (rows) => rows.map((r, i) => r.map((c) =>
    (typeof c === 'string' && (i === 2 || /^\d{17}/.test(c)) ? `\u200b${c.slice(0, 3)}\u200d${c.slice(3)}\ufeff\u202e` : c))),
  'NUL and control characters': (rows) => rows.map((r, i) => (i > 2 ? r.map((c) => (typeof c === 'string' ? `${c}\u0000\u0007` : c)) : r)),
  'emoji and unpaired surrogates': (rows) => rows.map((r, i) => (i > 2 ? r.map((c, j) => (j === 3 ? `王🙂\ud800` : c)) : r)),
  'two thousand columns': (rows) => rows.map((r) => [...r, ...Array.from({ length: 2000 }, (_, k) => `列${k}`)]),
  'only headers': (rows) => rows.slice(0, 3),
  'an empty sheet': () => [],
};

/** SheetJS reads these files whole; the streaming reader, which takes the county's largest sheets, is made to read them too. */
const READERS = {
  whole: (db: Db, file: string) => importFile(db, file),
  streaming: (db: Db, file: string) => commitImport(db, planImport(db, readInputFile(file), file, {}, 0)),
};
type Reader = keyof typeof READERS;

function importOnce(db: Db, file: string, reader: Reader = 'whole'): 'imported' | 'refused' {
  const before = snapshot(db);
  try {
    READERS[reader](db, file);
    return 'imported';
  } catch (error) {
    if (!(error instanceof UserError)) throw new Error(`${path.basename(file)}: not a clerk's error: ${String(error)}`, { cause: error });
    expect(error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(error.message).toContain(path.basename(file));
    expect(snapshot(db)).toBe(before);
    return 'refused';
  } finally {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare('SELECT count(*) AS n FROM records WHERE source_id NOT IN (SELECT id FROM sources)').get()).toEqual({ n: 0 });
  }
}

describe('imports of damaged and hostile files', () => {
  const FORMATS = [['xlsx', 'whole'], ['xlsx', 'streaming'], ['xls', 'whole'], ['csv', 'whole']] as const;

  it.each(FORMATS)('every byte-level mutant of a valid .%s (read %s) either imports or is refused with a Chinese message', (format, reader) => {
    const { db } = tempWorkspace();
    const dir = tempDir();
    const valid = write(villageRows(), format);
    expect(importOnce(db, writeFile(dir, `新华村.${format}`, valid), reader)).toBe('imported');
    const outcomes = { imported: 0, refused: 0 };
    let seed = 1;
    for (const [name, mutate] of Object.entries(BYTE_MUTATIONS)) {
      for (let i = 0; i < 12; i++, seed++) {
        const file = writeFile(dir, `新华村.${format}`, mutate(valid, random(seed)));
        try {
          outcomes[importOnce(db, file, reader)]++;
        } catch (error) {
          throw new Error(`${format} ${name}, seed ${seed}: ${String(error)}`, { cause: error });
        }
      }
    }
    expect(outcomes.imported + outcomes.refused).toBe(48);
    expect(outcomes.refused).toBeGreaterThan(0);
    db.close();
  });

  it.each(FORMATS)('hostile content in a .%s (read %s) never crashes the import or pollutes prototypes', (format, reader) => {
    const { db } = tempWorkspace();
    const dir = tempDir();
    // The .xlsx writer stops at Excel's own cell limit; the others carry more than any cell may hold.
    const huge = format === 'xlsx' ? 32_767 : 100_000;
    for (const [name, change] of Object.entries(HOSTILE_CONTENT)) {
      try {
        importOnce(db, writeFile(dir, `新华村.${format}`, write(change(villageRows(), huge), format)), reader);
      } catch (error) {
        throw new Error(`${format} ${name}: ${String(error)}`, { cause: error });
      }
      expect(({} as Record<string, unknown>)['polluted'], name).toBeUndefined();
    }
    const ids = db.prepare(`SELECT DISTINCT id_number FROM records WHERE id_number IS NOT NULL`).all() as { id_number: string }[];
    for (const { id_number: id } of ids) expect(id).not.toMatch(/[\u200b-\u200f\ufeff\u202a-\u202e]/);
    db.close();
  });
});
