import fc from 'fast-check';
import type { NormalisationOptions, RawContactRow } from './contact-row';
import { ALREADY_IN_SEGMENT, ContactNormaliser, normaliseContactRows } from './contact-normaliser';

const options: NormalisationOptions = {
  defaultCountry: 'RU',
  splitMultiplePhones: true,
  email: { idnToAscii: true, unicodeToAscii: false, removeSubaddress: true },
  removeDuplicates: true,
};

describe('ContactNormaliser', () => {
  it('turns a cell with two numbers into two contacts that share the row e-mail', () => {
    const [outcome] = normaliseContactRows([{ rowNumber: 2, phone: '8 (912) 345-67-89, +7 912 3456790', email: 'Ivan+crm@Mail.RU' }], options).outcomes;
    expect(outcome).toMatchObject({
      kind: 'accepted',
      contacts: [
        { rowNumber: 2, phone: '+79123456789', phoneCountry: 'RU', email: 'Ivan@mail.ru' },
        { rowNumber: 2, phone: '+79123456790', phoneCountry: 'RU', email: 'Ivan@mail.ru' },
      ],
    });
  });

  it('accounts for every row: accepted, rejected with reasons, duplicates of an earlier row', () => {
    const rows: RawContactRow[] = [
      { rowNumber: 1, phone: '8 (912) 345-67-89' },
      { rowNumber: 2, phone: '+7 912 345 67 89' },
      { rowNumber: 3, phone: 'не звонить' },
      { rowNumber: 4, email: 'buyer@пример.рф' },
      { rowNumber: 5, email: 'BUYER@xn--e1afmkfd.xn--p1ai' },
      { rowNumber: 6 },
      { rowNumber: 7, phone: '12', email: 'broken@' },
      { rowNumber: 8, phone: '+7 912 345 67 89; 8 (495) 123-45-67' },
      { rowNumber: 9, phone: 'abc', email: 'fallback@example.com' },
    ];
    const { outcomes, tally } = normaliseContactRows(rows, options);
    expect(outcomes.map((outcome) => outcome.kind)).toEqual(['accepted', 'duplicate', 'rejected', 'accepted', 'accepted', 'rejected', 'rejected', 'accepted', 'accepted']);
    expect(outcomes[1]).toEqual({ kind: 'duplicate', rowNumber: 2, duplicateOf: 1, key: '+79123456789' });
    expect(outcomes[2]).toEqual({ kind: 'rejected', rowNumber: 3, reasons: [{ field: 'phone', input: 'не звонить', reason: 'not-a-phone' }] });
    expect(outcomes[5]).toEqual({ kind: 'rejected', rowNumber: 6, reasons: [{ field: 'row', input: '', reason: 'no-phone-or-email' }] });
    expect(outcomes[6]).toMatchObject({ reasons: [{ field: 'phone', reason: 'too-short' }, { field: 'email', reason: 'invalid-domain' }] });
    expect(outcomes[7]).toMatchObject({ kind: 'accepted', contacts: [{ phone: '+74951234567', notes: [{ code: 'duplicate-dropped', detail: '+79123456789 (row 1)' }] }] });
    expect(outcomes[8]).toMatchObject({ kind: 'accepted', contacts: [{ phone: null, email: 'fallback@example.com', notes: [{ code: 'phone-rejected', detail: 'abc: not-a-phone' }] }] });
    expect(tally).toEqual({ rowsRead: 9, accepted: 5, rejected: 3, duplicates: 1, contacts: 5 });
  });

  it('e-mail duplicates count only for contacts without a phone, compared after normalisation', () => {
    const { outcomes } = normaliseContactRows(
      [
        { rowNumber: 1, email: 'a+x@example.com' },
        { rowNumber: 2, email: ' A@EXAMPLE.com' },
        { rowNumber: 3, email: 'a@example.com' },
      ],
      options,
    );
    expect(outcomes.map((outcome) => outcome.kind)).toEqual(['accepted', 'accepted', 'duplicate']);
  });

  it('keeps duplicates when asked to', () => {
    const normaliser = new ContactNormaliser({ ...options, removeDuplicates: false });
    normaliser.normalise({ rowNumber: 1, phone: '89123456789' });
    expect(normaliser.normalise({ rowNumber: 2, phone: '89123456789' }).kind).toBe('accepted');
    expect(normaliser.tally()).toMatchObject({ accepted: 2, duplicates: 0 });
  });

  describe('property: every row read is accounted for exactly once', () => {
    const cell = fc.oneof(
      fc.constantFrom('8 (912) 345-67-89', '+7 912 3456790', '8 (912) 345-67-89, +7 912 3456790', '89261234567; 8 (495) 123-45-67', 'нет', '', '12-34', '8 912 345 67 89 доб. 5'),
      fc.string({ maxLength: 20 }),
      fc.stringMatching(/^[+8]?[\d ()-]{6,16}$/),
    );
    const mail = fc.oneof(fc.constantFrom('a@example.com', 'A+b@Example.com', 'bad@', 'x@пример.рф', ''), fc.string({ maxLength: 12 }));
    const row = fc.record({ phone: fc.option(cell, { nil: undefined }), email: fc.option(mail, { nil: undefined }) });

    it('accepted + rejected + duplicates == rows read, and contacts are unique', () => {
      fc.assert(
        fc.property(fc.array(row, { maxLength: 40 }), fc.boolean(), (cells, removeDuplicates) => {
          const rows = cells.map((cells, index) => ({ rowNumber: index + 1, ...cells }));
          const { outcomes, tally } = normaliseContactRows(rows, { ...options, removeDuplicates });
          const count = (kind: string) => outcomes.filter((outcome) => outcome.kind === kind).length;
          const contacts = outcomes.flatMap((outcome) => (outcome.kind === 'accepted' ? outcome.contacts : []));
          const keys = contacts.map((contact) => contact.phone ?? `email:${contact.email}`);
          expect(outcomes.map((outcome) => outcome.rowNumber)).toEqual(rows.map((r) => r.rowNumber));
          expect(tally).toEqual({ rowsRead: rows.length, accepted: count('accepted'), rejected: count('rejected'), duplicates: count('duplicate'), contacts: contacts.length });
          expect(tally.accepted + tally.rejected + tally.duplicates).toBe(rows.length);
          if (removeDuplicates) expect(new Set(keys).size).toBe(keys.length);
          for (const contact of contacts) expect(contact.phone === null || /^\+[1-9]\d{6,14}$/.test(contact.phone)).toBe(true);
        }),
        { numRuns: 300 },
      );
    });
  });
});

describe('ContactNormaliser with the contacts a segment already holds', () => {
  it('counts a row repeating one of them as a duplicate of row 0, and keeps a row with another number', () => {
    const normaliser = new ContactNormaliser(
      { defaultCountry: 'RU', splitMultiplePhones: true, email: { idnToAscii: true, unicodeToAscii: false, removeSubaddress: false }, removeDuplicates: true },
      ['+79161234567', 'email:ivan@example.com'],
    );
    expect(normaliser.normalise({ rowNumber: 2, phone: '8 916 123-45-67' })).toEqual({ kind: 'duplicate', rowNumber: 2, duplicateOf: ALREADY_IN_SEGMENT, key: '+79161234567' });
    expect(normaliser.normalise({ rowNumber: 3, email: 'ivan@example.com' })).toMatchObject({ kind: 'duplicate', duplicateOf: ALREADY_IN_SEGMENT });
    expect(normaliser.normalise({ rowNumber: 4, phone: '8 916 123-45-68' })).toMatchObject({ kind: 'accepted' });
    expect(normaliser.tally()).toEqual({ rowsRead: 3, accepted: 1, rejected: 0, duplicates: 2, contacts: 1 });
  });
});
