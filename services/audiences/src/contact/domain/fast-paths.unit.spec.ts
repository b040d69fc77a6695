import fc from 'fast-check';
import { splitPhoneCell, splitPhoneCellGeneral } from './phone-cell';
import { normalisePhone, normalisePhoneGeneral } from './phone-normalisation';

/** Characters of plainly written numbers, and the ones that take a cell off the fast paths (non-ASCII spaces, dashes and digits, labels, extensions, separators). */
const plain = fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', ' ', '+', '(', ')', '.', '-');
const other = fc.constantFrom('\u00a0', '\u2013', '\u2212', '\uff18', '\u0669', '\t', '\n', ',', ';', '/', '|', '#', 'x', 'ext', 'доб', 'тел', ' или ', ' or ', 'a', 'é', '😀');
const written = fc.oneof(
  fc.array(plain, { maxLength: 24 }).map((units) => units.join('')),
  fc.array(fc.oneof({ arbitrary: plain, weight: 6 }, { arbitrary: other, weight: 1 }), { maxLength: 24 }).map((units) => units.join('')),
  // Shapes close to real numbers, so that many reach libphonenumber and pass it.
  fc
    .tuple(fc.constantFrom('', '+', '+ ', '8', '7', '+7', '+8', '00', '0044', '8 10 ', ' ', '  '), fc.array(fc.tuple(fc.constantFrom('', ' ', '-', '.', '(', ')', '  ', ' - '), fc.stringMatching(/^\d{1,4}$/)), { maxLength: 6 }), fc.constantFrom('', ' ', '  ', ' x12', ' доб. 5'))
    .map(([lead, groups, tail]) => `${lead}${groups.map(([separator, digits]) => separator + digits).join('')}${tail}`),
  fc.string({ maxLength: 24 }),
  fc.string({ unit: 'binary', maxLength: 24 }),
);

describe('fast paths for plainly written cells agree with the general paths', () => {
  it('normalisePhone gives what the full clean-up gives, on any input (ASCII and not)', () => {
    fc.assert(
      fc.property(written, fc.constantFrom('RU', 'BY', 'GB', 'US') as fc.Arbitrary<'RU' | 'BY' | 'GB' | 'US'>, (raw, country) => {
        expect(normalisePhone(raw, country)).toEqual(normalisePhoneGeneral(raw, country));
      }),
      { numRuns: 3000 },
    );
  });

  it('splitPhoneCell gives what splitting on every separator gives, on any input (ASCII and not)', () => {
    fc.assert(
      fc.property(written, (cell) => {
        expect(splitPhoneCell(cell)).toEqual(splitPhoneCellGeneral(cell));
      }),
      { numRuns: 3000 },
    );
  });
});
