import { describe, expect, it } from 'vitest';
import { HEALTH, RELATION } from '../../src/shared/domain/vocabularies';
import {
  cleanText, excelSerialToIso, headerKey, mapVocabulary, parseCount, parseDate, parseFlag, parseMoney, parseMulti, parseSex, parseYear,
} from '../../src/shared/text/normalize';

describe('normalisation', () => {
  it.each([
    ['王　芳', '王芳'],
    [' 王 芳\n', '王芳'],
    ['ＡＢＣ１２３', 'ABC123'],
    ['张\u200b三', '张三'],
  ])('cleanText(%j) = %j', (raw, expected) => expect(cleanText(raw)).toBe(expected));

  it.each([
    ['务工时间（月）', '务工时间(月)'],
    ['务工时间(月)', '务工时间(月)'],
    ['*姓 名', '姓名'],
    ['【户主】', '(户主)'],
  ])('headerKey(%j) = %j', (raw, expected) => expect(headerKey(raw)).toBe(expected));

  it.each([
    ['是', 1], ['√', 1], ['Y', 1], ['1', 1], ['已参保', 1], ['否', 0], ['×', 0], ['N', 0], ['0', 0], ['', null], ['也许', null],
  ])('parseFlag(%j) = %j', (raw, expected) => expect(parseFlag(raw)).toBe(expected));

  it.each([['4', 4], ['4人', 4], ['４人', 4], ['4.0', 4], ['四', null], ['', null]])('parseCount(%j)', (raw, expected) =>
    expect(parseCount(raw)).toBe(expected));

  it.each([['2018', 2018], ['2018年', 2018], ['2018年度', 2018], ['2018.0', 2018], ['2018-12', 2018], ['18', null]])(
    'parseYear(%j)', (raw, expected) => expect(parseYear(raw)).toBe(expected));

  it.each([['1,234.50元', 1234.5], ['9000', 9000], ['-12', -12], ['abc', null]])('parseMoney(%j)', (raw, expected) =>
    expect(parseMoney(raw)).toBe(expected));

  it.each([
    ['19850312', '1985-03-12'],
    ['1985-03-12', '1985-03-12'],
    ['1985/3/12', '1985-03-12'],
    ['1985.3.12', '1985-03-12'],
    ['1985年3月12日', '1985-03-12'],
    ['1985年3月', '1985-03'],
    ['198503', '1985-03'],
    ['1985-03', '1985-03'],
    ['31118', '1985-03-12'],
    ['19850230', null],
    ['198513', null],
  ])('parseDate(%j) = %j', (raw, expected) => expect(parseDate(raw)).toBe(expected));

  it('Excel serials account for the phantom 1900-02-29', () => {
    expect(excelSerialToIso(1)).toBe('1900-01-01');
    expect(excelSerialToIso(61)).toBe('1900-03-01');
    expect(excelSerialToIso(45292)).toBe('2024-01-01');
  });

  it.each([['男', '男'], ['1', '男'], ['女', '女'], ['2', '女'], ['x', null]])('parseSex(%j)', (raw, expected) =>
    expect(parseSex(raw)).toBe(expected));

  it('maps vocabulary variants and never reaches Object.prototype', () => {
    expect(mapVocabulary('儿子', RELATION)).toBe('之子');
    expect(mapVocabulary('之女', RELATION)).toBe('之女');
    expect(mapVocabulary('__proto__', RELATION)).toBe('__proto__');
    expect(mapVocabulary('constructor', RELATION)).toBe('constructor');
    expect(parseMulti('残疾、长期慢性病', HEALTH)).toBe('残疾,长期慢性病');
    expect(parseMulti('慢性病,残疾人', HEALTH)).toBe('残疾,长期慢性病');
  });
});
