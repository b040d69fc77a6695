import { z } from 'zod';
import { inputViolations } from './input-violations';

const schema = z.strictObject({
  name: z.string().min(1).max(3),
  kind: z.enum(['audience', 'blacklist']),
  contact: z.strictObject({ phone: z.string(), tags: z.array(z.string()).max(1) }),
  startsAt: z.iso.datetime(),
});

const violationsOf = (value: unknown, language: 'ru' | 'en' = 'en') => {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) throw new Error('expected the value to be invalid');
  return inputViolations(result.error, language);
};

describe('inputViolations', () => {
  it('names each bad field by its dot path with a stable code', () => {
    expect(violationsOf({ name: 'long name', kind: 'friends', contact: { phone: 7, tags: ['a', 'b'] }, startsAt: 'tomorrow' })).toEqual([
      { field: 'name', code: 'TOO_BIG', message: 'Too long' },
      { field: 'kind', code: 'NOT_ALLOWED', message: 'Not one of the allowed values' },
      { field: 'contact.phone', code: 'INVALID_TYPE', message: 'Wrong type of value' },
      { field: 'contact.tags', code: 'TOO_BIG', message: 'Too long' },
      { field: 'startsAt', code: 'INVALID_FORMAT', message: 'Invalid format' },
    ]);
  });

  it('tells a missing field from a wrong one, and lists unknown fields one by one', () => {
    expect(violationsOf({ kind: 'audience', contact: { phone: '+7', tags: [], fax: '1', telex: '2' }, startsAt: '2026-03-02T09:00:00Z' }, 'ru')).toEqual([
      { field: 'name', code: 'REQUIRED', message: 'Обязательное поле' },
      { field: 'contact.fax', code: 'UNKNOWN_FIELD', message: 'Неизвестное поле' },
      { field: 'contact.telex', code: 'UNKNOWN_FIELD', message: 'Неизвестное поле' },
    ]);
  });
});
