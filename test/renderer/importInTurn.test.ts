import { describe, expect, it } from 'vitest';
import { importInTurn, type ImportProgress } from '../../src/renderer/importInTurn';

const files = ['户卡.xlsx', '村表.xls', '乡册.et'].map((name) => ({ name }));

describe('importing several files in turn', () => {
  it('imports in order, backs up on the first call only, and reports each file as it starts', async () => {
    const calls: [string, boolean][] = [];
    const seen: ImportProgress[] = [];
    const { results, stopped } = await importInTurn(files, async (f, first) => { calls.push([f.name, first]); return f.name.length; }, (p) => seen.push(p), () => false);
    expect(calls).toEqual([['户卡.xlsx', true], ['村表.xls', false], ['乡册.et', false]]);
    expect(results).toEqual([7, 6, 5]);
    expect(stopped).toBe(false);
    expect(seen).toEqual([
      { done: 0, total: 3, current: '户卡.xlsx' }, { done: 1, total: 3, current: '村表.xls' },
      { done: 2, total: 3, current: '乡册.et' }, { done: 3, total: 3, current: null },
    ]);
  });

  it('stops between files when asked, never in the middle of one', async () => {
    let stop = false;
    const calls: string[] = [];
    const { results, stopped } = await importInTurn(files, async (f) => { calls.push(f.name); stop = true; return f.name; }, () => {}, () => stop);
    expect(calls).toEqual(['户卡.xlsx']);
    expect(results).toEqual(['户卡.xlsx']);
    expect(stopped).toBe(true);
  });
});
