import type { FieldViolation } from '@zvonar/eventsourcing';
import type { Language } from '../http/problem-titles';

const NUL = '\u0000';

// Decoded messages have lowerCamelCase keys; violations name fields as the .proto does, like every
// service's own field violations (`custom_fields[0].key`).
const protoName = (key: string): string => (/^[a-z][A-Za-z0-9]*$/.test(key) ? key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`) : key);

const wording: Record<Language, { field: string; request: string }> = {
  ru: { field: 'Текст не может содержать нулевой символ (U+0000)', request: 'В запросе есть нулевой символ (U+0000)' },
  en: { field: 'Text must not contain the NUL character (U+0000)', request: 'The request contains a NUL character (U+0000)' },
};

/** The message of the refusal as a whole, in the caller's language. */
export const nulRefusalMessage = (language: Language): string => wording[language].request;

/**
 * The fields of a decoded request whose text holds U+0000, as `name`, `tags[0]`,
 * `custom_fields[1].name` (map keys too). PostgreSQL cannot store that character in text, so such
 * input must be refused as invalid before it reaches a query rather than fail there as an error
 * of the service.
 */
export function nulCharacterViolations(request: unknown, language: Language, limit = 20): FieldViolation[] {
  const violations: FieldViolation[] = [];
  const visit = (value: unknown, path: string): void => {
    if (violations.length >= limit) return;
    if (typeof value === 'string') {
      if (value.includes(NUL)) violations.push({ field: path, code: 'NUL_CHARACTER', message: wording[language].field });
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, `${path}[${index}]`));
      return;
    }
    // Bytes, dates and other objects with their own meaning hold no text fields.
    if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value) || value instanceof Date) return;
    for (const [key, item] of Object.entries(value)) {
      const field = path === '' ? protoName(key) : `${path}.${protoName(key)}`;
      if (key.includes(NUL)) violations.push({ field: field.replaceAll(NUL, '\\0'), code: 'NUL_CHARACTER', message: wording[language].field });
      visit(item, field);
    }
  };
  visit(request, '');
  return violations;
}
