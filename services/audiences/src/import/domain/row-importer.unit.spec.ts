import fc from 'fast-check';
import type { NormalisationOptions } from '../../contact/domain';
import { validateMapping, type CompiledMapping } from './column-mapping';
import { isBalanced } from './import-tally';
import { RowImporter } from './row-importer';
import type { SourceRecord } from './source-record';

const options: NormalisationOptions = { defaultCountry: 'RU', splitMultiplePhones: true, email: { idnToAscii: true, unicodeToAscii: false, removeSubaddress: true }, removeDuplicates: true };

const compiled = (hasHeader: boolean): CompiledMapping => {
  const result = validateMapping({ hasHeader, columns: [{ kind: 'phone' }, { kind: 'email' }, { kind: 'whatsapp' }] }, { customFieldKeys: [], columnCount: 3 });
  if (!result.ok) throw new Error('mapping refused');
  return result.mapping;
};

describe('RowImporter', () => {
  it('accounts for header, empty, imported, rejected, duplicate and broken rows, reporting the rows left out', () => {
    const importer = new RowImporter(compiled(true), options);
    const records: SourceRecord[] = [
      { kind: 'row', rowNumber: 1, fields: ['phone', 'email', 'wa'] },
      { kind: 'row', rowNumber: 2, fields: ['8 (912) 345-67-89, +7 912 3456790', '', '+79123456789'] },
      { kind: 'empty', rowNumber: 3 },
      { kind: 'row', rowNumber: 4, fields: ['+7 912 345 67 89', '', ''] },
      { kind: 'row', rowNumber: 5, fields: ['12', 'broken@', ''] },
      { kind: 'broken-quotes', rowNumber: 6, raw: '"89123456791;x', reason: 'unclosed-quote' },
      { kind: 'row', rowNumber: 7, fields: ['', 'ivan@mail.ru'] },
    ];
    const results = records.map((record) => importer.read(record));
    expect(results.map((result) => result.kind)).toEqual(['skipped', 'imported', 'skipped', 'reported', 'reported', 'reported', 'imported']);
    expect(results[1]).toMatchObject({ kind: 'imported', contacts: [{ contact: { phone: '+79123456789' }, messengers: { whatsapp: '+79123456789' } }, { contact: { phone: '+79123456790' } }] });
    expect(results[3]).toEqual({ kind: 'reported', row: { rowNumber: 4, values: ['+7 912 345 67 89', '', ''], reasons: [{ field: 'row', input: '+79123456789', reason: 'duplicate', duplicateOf: 2 }] } });
    expect(results[5]).toEqual({ kind: 'reported', row: { rowNumber: 6, values: ['"89123456791;x'], reasons: [{ field: 'row', input: '"89123456791;x', reason: 'unclosed-quote' }] } });
    expect(importer.tally()).toEqual({ rowsRead: 5, imported: 2, rejected: 2, duplicates: 1, contacts: 3, emptyRows: 1, headerRows: 1, brokenQuoteRows: 1 });
  });

  it('balances for any sequence of records', () => {
    const cell = fc.constantFrom('', ' ', '89123456789', '8 912 345-67-90; 8 912 345-67-91', 'abc', 'a@b.ru', 'x@', '+7 (495) 123-45-67');
    const record = fc.oneof(
      fc.record({ kind: fc.constant('row' as const), fields: fc.array(cell, { maxLength: 4 }) }),
      fc.constant({ kind: 'empty' as const }),
      fc.constant({ kind: 'broken-quotes' as const, raw: '"x', reason: 'unclosed-quote' as const }),
    );
    fc.assert(
      fc.property(fc.boolean(), fc.array(record, { maxLength: 30 }), (hasHeader, drafts) => {
        const importer = new RowImporter(compiled(hasHeader), options);
        let reported = 0;
        drafts.forEach((draft, index) => {
          if (importer.read({ ...draft, rowNumber: index + 1 } as SourceRecord).kind === 'reported') reported += 1;
        });
        const tally = importer.tally();
        expect(isBalanced(tally)).toBe(true);
        expect(tally.rowsRead + tally.emptyRows + tally.headerRows).toBe(drafts.length);
        expect(reported).toBe(tally.rejected + tally.duplicates);
      }),
    );
  });
});
