import fc from 'fast-check';
import { normalisePhone } from './phone-normalisation';

const accepted = (raw: string) => {
  const outcome = normalisePhone(raw, 'RU');
  if (!outcome.ok) throw new Error(`${JSON.stringify(raw)} was refused: ${outcome.reason}`);
  return outcome.phone;
};

describe('normalisePhone', () => {
  it.each([
    '8 (912) 345-67-89',
    '89123456789',
    '79123456789',
    '+79123456789',
    '+7 912 345 67 89',
    '+7 (912) 345-67-89',
    '8-912-345-67-89',
    '8.912.345.67.89',
    '  8 912  345 67 89 ',
    '8\u00a0912\u00a0345\u00a067\u00a089',
    '8 (912) 345–67–89',
    '9123456789',
    '８ ９１２ ３４５ ６７ ８９',
    'тел.: 8 912 345-67-89',
    '+8 912 345 67 89',
  ])('reads %j as +79123456789 in Russia', (raw) => {
    expect(accepted(raw)).toMatchObject({ e164: '+79123456789', country: 'RU' });
  });

  it('notes a plus typed in front of a national number', () => {
    expect(accepted('+8 912 345 67 89').notes).toEqual([{ code: 'stray-plus-ignored' }]);
  });

  it.each([
    ['8 (912) 345-67-89 доб. 123', '123'],
    ['+7 495 123-45-67 ext. 4501', '4501'],
    ['8 495 123 45 67 x12', '12'],
    ['8 (495) 123-45-67 #7', '7'],
  ])('drops the extension of %j with a note', (raw, extension) => {
    const phone = accepted(raw);
    expect(phone.e164).toMatch(/^\+7(912|495)/);
    expect(phone.notes).toContainEqual({ code: 'extension-dropped', detail: extension });
  });

  it('reads international forms into their own country', () => {
    expect(accepted('+375 29 123 45 67')).toMatchObject({ e164: '+375291234567', country: 'BY' });
    expect(accepted('0044 20 7946 0958')).toMatchObject({ e164: '+442079460958', country: 'GB', notes: [{ code: 'international-prefix-rewritten', detail: '00' }] });
    expect(accepted('8 10 44 20 7946 0958')).toMatchObject({ e164: '+442079460958' });
    expect(accepted('8 (7172) 12-34-56')).toMatchObject({ e164: '+77172123456', country: 'KZ' });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['нет телефона', 'not-a-phone'],
    ['call me', 'not-a-phone'],
    ['user@example.com', 'not-a-phone'],
    ['12-34', 'too-short'],
    ['8 912 345', 'too-short'],
    ['8 912 345 67 89 12 34 56 78', 'too-long'],
    ['8 (000) 123-45-67', 'invalid-number'],
    ['8 912 345 67 8', 'invalid-number'],
  ])('refuses %j as %s', (raw, reason) => {
    expect(normalisePhone(raw, 'RU')).toEqual({ ok: false, input: raw, reason });
  });

  describe('property: formatting noise never changes the number', () => {
    const separator = fc.constantFrom(' ', '-', '.', ' - ', '  ', '\u00a0', '', '–');
    const prefix = fc.constantFrom('8', '+7', '7', '+7 ', '8 ', '+ 7');
    const national = fc
      .tuple(fc.constantFrom('912', '926', '903', '950', '495', '812', '343', '383'), fc.stringMatching(/^\d{7}$/))
      .map(([code, rest]) => `${code}${rest}`);
    const written = fc.record({
      national,
      prefix,
      separators: fc.array(separator, { minLength: 4, maxLength: 4 }),
      brackets: fc.boolean(),
      padLeft: fc.constantFrom('', ' ', '  ', '\t'),
      padRight: fc.constantFrom('', ' ', '  '),
    });

    it('normalises to the E.164 of the bare number', () => {
      fc.assert(
        fc.property(written, ({ national: digits, prefix: lead, separators, brackets, padLeft, padRight }) => {
          const canonical = normalisePhone(`+7${digits}`, 'RU');
          fc.pre(canonical.ok);
          const code = brackets ? `(${digits.slice(0, 3)})` : digits.slice(0, 3);
          const [a = '', b = '', c = '', d = ''] = separators;
          const noisy = `${padLeft}${lead}${a}${code}${b}${digits.slice(3, 6)}${c}${digits.slice(6, 8)}${d}${digits.slice(8)}${padRight}`;
          const outcome = normalisePhone(noisy, 'RU');
          return outcome.ok && canonical.ok && outcome.phone.e164 === canonical.phone.e164 && outcome.phone.e164 === `+7${digits}`;
        }),
        { numRuns: 500 },
      );
    });
  });
});
