import type { CustomField, CustomFieldType } from './project';

/** One offending field and the rule it breaks; worded by code and locale at the edge of the app. */
export type Violation = { readonly field: string; readonly code: string };

export const NAME_MAX = 200;
export const DESCRIPTION_MAX = 2000;
export const FIELD_NAME_MAX = 100;
export const FIELDS_MAX = 100;
export const TAGS_MAX = 20;
export const TAG_MAX = 50;

/** A variable key usable as {{key}}: a Latin letter, then letters, digits or "_". */
const KEY = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
// Deliberately loose: the invitee proves the address by signing in with it.
const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;
const FIELD_TYPES: readonly CustomFieldType[] = ['string', 'number', 'date', 'boolean'];

const length = (field: string, value: string, max: number, required = true): Violation[] => {
  const chars = [...value].length;
  if (required && chars === 0) return [{ field, code: 'REQUIRED' }];
  return chars > max ? [{ field, code: 'INVALID_LENGTH' }] : [];
};

/** Names and descriptions are trimmed before they are checked and stored. */
export const tidy = (value: string): string => value.trim().replace(/\s+/g, ' ');

export const checkName = (name: string, field = 'name'): Violation[] => length(field, name, NAME_MAX);
export const checkFieldName = (name: string, field: string): Violation[] => length(field, name, FIELD_NAME_MAX);
export const checkDescription = (description: string): Violation[] =>
  length('description', description, DESCRIPTION_MAX, false);

/** Keys are unique in a project regardless of case: {{Phone}} and {{phone}} would confuse people. */
export const sameKey = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

export function checkCustomField(
  field: { key: string; name: string; type: CustomFieldType | undefined },
  existing: readonly CustomField[],
  path: string,
): Violation[] {
  const violations: Violation[] = [];
  if (field.key === '') violations.push({ field: `${path}.key`, code: 'REQUIRED' });
  else if (!KEY.test(field.key)) violations.push({ field: `${path}.key`, code: 'INVALID_KEY' });
  else if (existing.some((other) => sameKey(other.key, field.key))) violations.push({ field: `${path}.key`, code: 'KEY_TAKEN' });
  violations.push(...checkFieldName(field.name, `${path}.name`));
  if (field.type === undefined || !FIELD_TYPES.includes(field.type)) violations.push({ field: `${path}.type`, code: 'INVALID_TYPE' });
  return violations;
}

/** Every field of a new project, each checked against the ones before it. */
export function checkCustomFields(
  fields: readonly { key: string; name: string; type: CustomFieldType | undefined }[],
  path = 'custom_fields',
): Violation[] {
  if (fields.length > FIELDS_MAX) return [{ field: path, code: 'TOO_MANY_FIELDS' }];
  const accepted: CustomField[] = [];
  const violations: Violation[] = [];
  fields.forEach((field, index) => {
    const found = checkCustomField(field, accepted, `${path}[${index}]`);
    violations.push(...found);
    if (found.length === 0 && field.type) accepted.push({ key: field.key, name: field.name, type: field.type });
  });
  return violations;
}

/** Tags trimmed, duplicates (ignoring case) kept once, in the order given. */
export function normaliseTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const tag of tags.map(tidy)) {
    if (seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    result.push(tag);
  }
  return result;
}

export function checkTags(tags: readonly string[], path = 'tags'): Violation[] {
  if (tags.length > TAGS_MAX) return [{ field: path, code: 'TOO_MANY_TAGS' }];
  return tags.flatMap((tag, index) => length(`${path}[${index}]`, tag, TAG_MAX).map(() => ({ field: `${path}[${index}]`, code: 'INVALID_TAG' })));
}

export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

export const checkEmail = (email: string): Violation[] =>
  email === '' ? [{ field: 'email', code: 'REQUIRED' }] : EMAIL.test(email) && email.length <= 254 ? [] : [{ field: 'email', code: 'INVALID_EMAIL' }];
