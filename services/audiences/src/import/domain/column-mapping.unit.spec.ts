import { mapRow, validateMapping, type ColumnMapping } from './column-mapping';
import { describeMapping } from './mapping-errors';

const context = { customFieldKeys: ['city', 'tariff'], columnCount: 5 };

describe('validateMapping', () => {
  it('refuses a mapping without any phone or e-mail column as a field-level error', () => {
    const mapping: ColumnMapping = { hasHeader: true, columns: [{ kind: 'telegram' }, { kind: 'custom', fieldKey: 'city' }, { kind: 'ignore' }] };
    const result = validateMapping(mapping, context);
    expect(result).toEqual({ ok: false, errors: [{ code: 'no-phone-or-email' }] });
    expect(result.ok ? '' : describeMapping(result.errors)).toBe('Map at least one column to phone or e-mail.');
  });

  it('names the column of every other mistake', () => {
    const mapping: ColumnMapping = {
      hasHeader: false,
      columns: [{ kind: 'email' }, { kind: 'email' }, { kind: 'viber' }, { kind: 'viber' }, { kind: 'custom', fieldKey: 'age' }, { kind: 'phone' }],
    };
    expect(validateMapping(mapping, context)).toEqual({
      ok: false,
      errors: [
        { column: 1, code: 'several-email-columns' },
        { column: 3, code: 'several-columns-for-messenger' },
        { column: 4, code: 'unknown-custom-field', fieldKey: 'age' },
        { column: 5, code: 'column-not-in-file' },
      ],
    });
  });

  it('reads several phone columns as several numbers of the contact, with messengers and custom fields beside', () => {
    const result = validateMapping(
      { hasHeader: true, columns: [{ kind: 'phone' }, { kind: 'ignore' }, { kind: 'phone' }, { kind: 'telegram' }, { kind: 'custom', fieldKey: 'city' }] },
      context,
    );
    if (!result.ok) throw new Error('valid mapping refused');
    expect(mapRow(result.mapping, 7, [' 8 912 345 67 89 ', 'x', '', '@ivan', ' Казань '])).toEqual({
      contact: { rowNumber: 7, phone: '8 912 345 67 89' },
      messengers: { telegram: '@ivan' },
      customFields: { city: 'Казань' },
    });
    expect(mapRow(result.mapping, 8, ['89123456789', '', '+79123456790']).contact).toEqual({ rowNumber: 8, phone: '89123456789\n+79123456790' });
  });
});
