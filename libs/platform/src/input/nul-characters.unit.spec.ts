import { nulCharacterViolations } from './nul-characters';

describe('NUL characters in a request', () => {
  it('given clean text, bytes and dates, finds nothing', () => {
    expect(nulCharacterViolations({ name: 'Проект', tags: ['a'], payload: new Uint8Array([0, 1]), at: new Date(0), nested: { note: 'ok' } }, 'en')).toEqual([]);
  });

  it('given NUL in fields at any depth, names each field by its path', () => {
    const request = { name: 'a\u0000', tags: ['ok', 'b\u0000'], customFields: [{ key: 'k', name: '\u0000' }], variables: { 'x\u0000': 'v' } };
    expect(nulCharacterViolations(request, 'en').map((violation) => violation.field)).toEqual(['name', 'tags[1]', 'custom_fields[0].name', 'variables.x\\0']);
  });

  it('words the refusal in the caller language', () => {
    expect(nulCharacterViolations({ name: '\u0000' }, 'ru')).toEqual([{ field: 'name', code: 'NUL_CHARACTER', message: 'Текст не может содержать нулевой символ (U+0000)' }]);
  });

  it('stops after the limit, so a huge request cannot make a huge answer', () => {
    expect(nulCharacterViolations({ items: Array.from({ length: 100 }, () => '\u0000') }, 'en', 5)).toHaveLength(5);
  });
});
