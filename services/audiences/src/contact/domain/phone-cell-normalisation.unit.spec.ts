import { normalisePhoneCell } from './phone-cell-normalisation';

const split = { defaultCountry: 'RU', splitMultiple: true } as const;
const e164s = (cell: string) => normalisePhoneCell(cell, split).phones.map((phone) => phone.e164);

describe('normalisePhoneCell', () => {
  it.each([
    ['8 (912) 345-67-89, +7 912 3456790', ['+79123456789', '+79123456790']],
    ['89123456789; 8 (495) 123-45-67', ['+79123456789', '+74951234567']],
    ['8 912 345 67 89 / 8 912 345 67 90', ['+79123456789', '+79123456790']],
    ['89123456789\n+74951234567\r\n8 (343) 123-45-67', ['+79123456789', '+74951234567', '+73431234567']],
    ['89123456789 или 89123456790', ['+79123456789', '+79123456790']],
    ['89123456789,,;  ,89123456790', ['+79123456789', '+79123456790']],
  ])('splits %j into separate numbers', (cell, expected) => {
    expect(e164s(cell)).toEqual(expected);
  });

  it('keeps a number written twice in one cell once', () => {
    expect(e164s('8 (912) 345-67-89, +79123456789')).toEqual(['+79123456789']);
  });

  it('keeps the good numbers of a cell and reports the bad ones', () => {
    const result = normalisePhoneCell('8 (912) 345-67-89, спросить Ивана, 12-34', split);
    expect(result.phones.map((phone) => phone.e164)).toEqual(['+79123456789']);
    expect(result.rejected).toEqual([
      { ok: false, input: 'спросить Ивана', reason: 'not-a-phone' },
      { ok: false, input: '12-34', reason: 'too-short' },
    ]);
  });

  it('refuses a cell with several numbers when splitting is off', () => {
    const cell = '8 (912) 345-67-89, +7 912 3456790';
    expect(normalisePhoneCell(cell, { ...split, splitMultiple: false })).toEqual({ phones: [], rejected: [{ ok: false, input: cell, reason: 'several-numbers' }] });
    expect(normalisePhoneCell('8 (912) 345-67-89', { ...split, splitMultiple: false }).phones).toHaveLength(1);
  });

  it('reports a blank cell as empty', () => {
    expect(normalisePhoneCell(' ; ', split)).toEqual({ phones: [], rejected: [{ ok: false, input: ' ; ', reason: 'empty' }] });
  });
});
