import { checkCustomFields, checkEmail, checkTags, normaliseEmail, normaliseTags } from './project-rules';

describe('project rules', () => {
  it.each([
    ['name', true],
    ['visit_date', true],
    ['Phone2', true],
    ['_private', false],
    ['2nd', false],
    ['город', false],
    ['with space', false],
    ['a'.repeat(64), true],
    ['a'.repeat(65), false],
  ])('a variable key %p is accepted: %p', (key, accepted) => {
    const violations = checkCustomFields([{ key, name: 'Поле', type: 'string' }]);
    expect(violations.length === 0).toBe(accepted);
  });

  it('reports each field against the ones before it, keys compared regardless of case', () => {
    expect(
      checkCustomFields([
        { key: 'city', name: 'Город', type: 'string' },
        { key: 'City', name: '', type: undefined },
      ]),
    ).toEqual([
      { field: 'custom_fields[1].key', code: 'KEY_TAKEN' },
      { field: 'custom_fields[1].name', code: 'REQUIRED' },
      { field: 'custom_fields[1].type', code: 'INVALID_TYPE' },
    ]);
  });

  it('keeps tags once regardless of case, trimmed, in the order given', () => {
    expect(normaliseTags([' VIP', 'vip ', 'Весна  2026', 'весна 2026', 'b'])).toEqual(['VIP', 'Весна 2026', 'b']);
    expect(checkTags(['', 'ok'])).toEqual([{ field: 'tags[0]', code: 'INVALID_TAG' }]);
  });

  it('accepts an ordinary address and refuses what cannot be one', () => {
    expect(checkEmail(normaliseEmail('  Anna.Petrova@Example.RU '))).toEqual([]);
    expect(checkEmail('anna@localhost')).toEqual([{ field: 'email', code: 'INVALID_EMAIL' }]);
    expect(checkEmail('')).toEqual([{ field: 'email', code: 'REQUIRED' }]);
  });
});
