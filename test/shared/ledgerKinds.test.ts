import { describe, expect, it } from 'vitest';
import { guessLedgerKind } from '../../src/shared/domain/ledgerKinds';

const best = (fields: string[], text: string) => guessLedgerKind(new Set(fields), text)[0]?.kind;
const ROLL = ['name', 'id_number', 'relation', 'head_name'];

describe('ledger kind guessing', () => {
  it.each([
    [ROLL, '户卡信息汇总.xlsx 填报单位：青山乡人民政府', 'card'],
    [ROLL, '各村花名册.xls', 'village'],
    [[...ROLL, 'household_no'], '扶贫对象登记册.et', 'township'],
    [[...ROLL, 'household_no', 'person_no', 'first_year'], 'export.xlsx', 'national'],
    [['name', 'id_number', 'cancel_type', 'cancel_date'], '名单.csv', 'police'],
    [['name', 'id_number'], '民政低保特困名单.csv', 'civil'],
    [['name', 'id_number', 'insured_status', 'insurance_type'], '2026.csv', 'medical'],
    [['name', 'disability_card'], 'list.xlsx', 'disability'],
    [['head_name', 'head_id', 'house_grade', 'renovation_status'], 'a.xlsx', 'housing'],
    [['name', 'id_number'], '四类人员比对名单.xlsx', 'fourtypes'],
    [ROLL, '花名册 填报单位：某某乡人民政府', 'village'],
  ])('%j + %s → %s', (fields, text, kind) => expect(best(fields, text)).toBe(kind));

  it('without any hint, a roll ledger with 户编号 is taken for the township book, without it for a village table', () => {
    expect(best(ROLL, 'x.xlsx')).toBe('village');
    expect(best([...ROLL, 'household_no'], 'x.xlsx')).toBe('township');
  });
});
