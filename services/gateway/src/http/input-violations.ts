import type { Language } from '@zvonar/platform';
import type { z } from 'zod';
import type { FieldError } from './problem';
import type { Localized } from './problem-titles';

const messages = {
  required: { ru: 'Обязательное поле', en: 'Required' },
  type: { ru: 'Неверный тип значения', en: 'Wrong type of value' },
  tooShort: { ru: 'Слишком короткое значение', en: 'Too short' },
  tooLong: { ru: 'Слишком длинное значение', en: 'Too long' },
  tooSmall: { ru: 'Слишком маленькое значение', en: 'Too small' },
  tooBig: { ru: 'Слишком большое значение', en: 'Too big' },
  unknownField: { ru: 'Неизвестное поле', en: 'Unknown field' },
  oneOf: { ru: 'Значение не из списка допустимых', en: 'Not one of the allowed values' },
  format: { ru: 'Неверный формат', en: 'Invalid format' },
  invalid: { ru: 'Недопустимое значение', en: 'Invalid value' },
} satisfies Record<string, Localized>;

const pathOf = (base: readonly PropertyKey[], extra?: string): string =>
  [...base.map(String), ...(extra === undefined ? [] : [extra])].join('.');

/**
 * zod issues → the API's field errors: one per field, the field named by its dot path in the
 * request ("contact.phone"), a stable code and a message in the caller's language. Unknown fields
 * are reported one by one, so a client sees which of its fields the API does not take.
 */
export function inputViolations(error: z.ZodError, language: Language, prefix?: string): FieldError[] {
  const at = (path: readonly PropertyKey[]) => (prefix ? [prefix, ...path] : path);
  return error.issues.flatMap((issue): FieldError[] => {
    const field = pathOf(at(issue.path));
    switch (issue.code) {
      case 'unrecognized_keys':
        return issue.keys.map((key) => ({ field: pathOf(at(issue.path), key), code: 'UNKNOWN_FIELD', message: messages.unknownField[language] }));
      case 'invalid_type':
        return issue.input === undefined
          ? [{ field, code: 'REQUIRED', message: messages.required[language] }]
          : [{ field, code: 'INVALID_TYPE', message: messages.type[language] }];
      case 'too_small':
        return [{ field, code: 'TOO_SMALL', message: (issue.origin === 'string' || issue.origin === 'array' ? messages.tooShort : messages.tooSmall)[language] }];
      case 'too_big':
        return [{ field, code: 'TOO_BIG', message: (issue.origin === 'string' || issue.origin === 'array' ? messages.tooLong : messages.tooBig)[language] }];
      case 'invalid_value':
        return [{ field, code: 'NOT_ALLOWED', message: messages.oneOf[language] }];
      case 'invalid_format':
        return [{ field, code: 'INVALID_FORMAT', message: messages.format[language] }];
      default:
        return [{ field, code: 'INVALID', message: messages.invalid[language] }];
    }
  });
}
