import { describe, expect, it } from 'vitest';
import { analyzeId, checkCharacter, maskId, upgradeLegacyId } from '../../src/shared/domain/idNumber';

describe('identity numbers (GB 11643-1999)', () => {
  it.each([
    ['11010519491231002X', 'ok'],
    ['440524188001010014', 'ok'],
    ['110101199003077890', 'checksum'],
    ['11010519491231002x', 'ok'],
    [' 1101 0519 4912 3100 2X ', 'ok'],
    ['１１０１０５１９４９１２３１００２Ｘ', 'ok'],
    ["'11010519491231002X", 'ok'],
    ['110105491231002', 'legacy15'],
    ['5.30523E+17', 'excel_damaged'],
    ['530523199003071000', 'excel_damaged'],
    ['11010519491231002', 'malformed'],
    ['1101051949123100XX', 'malformed'],
    ['110105199002300014', 'checksum'],
    ['', 'missing'],
  ])('%s → %s', (raw, status) => {
    expect(analyzeId(raw).status).toBe(status);
  });

  it('check character matches the vectors', () => {
    expect(checkCharacter('11010519491231002')).toBe('X');
    expect(checkCharacter('11010119900307789')).toBe('7');
  });

  it('an impossible birth date with a valid check character is reported as such', () => {
    const first17 = '11010519900230001';
    const id = first17 + checkCharacter(first17);
    expect(analyzeId(id)).toMatchObject({ status: 'bad_birth_date', birthDate: null });
  });

  it('upgrades a 15-digit ID by inserting 19 and computing the check', () => {
    expect(upgradeLegacyId('110105491231002')).toBe('11010519491231002X');
    expect(analyzeId('110105491231002')).toMatchObject({ normalized: '11010519491231002X', birthDate: '1949-12-31', sex: '女' });
  });

  it('derives birth date, sex and region', () => {
    expect(analyzeId('440524188001010014')).toMatchObject({ birthDate: '1880-01-01', sex: '男', region: '440524' });
  });

  it('masks to first 6 + last 4 and never shows digits 7–14', () => {
    const masked = maskId('11010519491231002X');
    expect(masked).toBe('110105********002X');
    expect(masked.slice(6, 14)).not.toMatch(/\d/);
    expect(maskId('11010519491231002X', 10, 8)).toBe('110105********002X');
  });
});
