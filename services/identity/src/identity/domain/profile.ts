import type { Violation } from './identity.errors';

export const GENDERS = ['female', 'male'] as const;
export type Gender = (typeof GENDERS)[number];

export type ProfileNames = { readonly lastName: string; readonly firstName: string; readonly middleName: string };

const NAME_MAX = 100;
// Letters of any script, spaces, hyphens and apostrophes: "Мамин-Сибиряк", "O'Neil".
const nameShape = /^[\p{L}\p{M}' -]*$/u;

export function profileViolations(names: ProfileNames): Violation[] {
  const fields: [keyof ProfileNames, string][] = [
    ['lastName', 'last_name'],
    ['firstName', 'first_name'],
    ['middleName', 'middle_name'],
  ];
  return fields.flatMap(([key, field]) => {
    const value = names[key].trim();
    if (value.length > NAME_MAX) return [{ field, code: 'INVALID_LENGTH' }];
    return nameShape.test(value) ? [] : [{ field, code: 'INVALID_NAME' }];
  });
}
