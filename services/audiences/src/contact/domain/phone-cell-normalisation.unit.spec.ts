import fc from 'fast-check';
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

  it.each([
    ['89123456789 89123456790', ['+79123456789', '+79123456790']],
    ['8 912 345 67 89  8 495 123 45 67', ['+79123456789', '+74951234567']],
    ['+7 912 345-67-89 +7 (495) 123-45-67 8 (343) 123-45-67', ['+79123456789', '+74951234567', '+73431234567']],
  ])('finds numbers separated only by spaces in %j', (cell, expected) => {
    const { phones, rejected } = normalisePhoneCell(cell, split);
    expect(rejected).toEqual([]);
    expect(phones.map((phone) => phone.e164)).toEqual(expected);
    expect(phones.every((phone) => phone.notes.some((n) => n.code === 'split-on-spaces'))).toBe(true);
  });

  it('does not invent numbers out of a too-long one that does not split cleanly', () => {
    expect(normalisePhoneCell('8 912 345 67 89 0', split)).toMatchObject({ phones: [], rejected: [{ input: '8 912 345 67 89 0' }] });
    expect(normalisePhoneCell('89123456789 12', split)).toMatchObject({ phones: [], rejected: [{ input: '89123456789 12' }] });
    expect(normalisePhoneCell('89123456789 89123456790', { ...split, splitMultiple: false })).toMatchObject({ phones: [], rejected: [{ reason: 'too-long' }] });
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

  it('property: any numbers joined by any separator come back as exactly those numbers, in order', () => {
    const national = fc.tuple(fc.constantFrom('912', '926', '903', '495', '343', '4012'), fc.stringMatching(/^\d{6}$/)).map(([code, rest]) => `${code}${rest}`.slice(0, 10).padEnd(10, '0'));
    const written = fc.tuple(national, fc.constantFrom('8', '+7', '7', '8 ', '+7 ')).map(([digits, lead]) => ({ e164: `+7${digits}`, text: `${lead}${digits}` }));
    const separator = fc.constantFrom(',', ';', '/', '\n', '\r\n', ' , ', '; ', ' / ', ' или ', ' ', '  ', '|', '\t');
    fc.assert(
      fc.property(fc.array(written, { minLength: 1, maxLength: 4 }), separator, (numbers, between) => {
        const valid = numbers.filter((number) => normalisePhoneCell(number.e164, split).phones.length === 1);
        fc.pre(valid.length === numbers.length);
        const expected = [...new Set(numbers.map((number) => number.e164))];
        const result = normalisePhoneCell(numbers.map((number) => number.text).join(between), split);
        return result.rejected.length === 0 && JSON.stringify(result.phones.map((phone) => phone.e164)) === JSON.stringify(expected);
      }),
      { numRuns: 400 },
    );
  });
});
