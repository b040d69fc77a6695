import { ValidationError, type FieldViolation } from '@zvonar/eventsourcing';
import type { Locale } from '@zvonar/scenario-runtime';

const texts = {
  ru: 'Текст не может содержать символ NUL (U+0000)',
  en: 'Text may not contain the NUL character (U+0000)',
} as const;

const NUL = '\u0000';

/** Whether a parsed JSON value holds NUL in any string or key. */
function jsonHoldsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes(NUL);
  if (Array.isArray(value)) return value.some(jsonHoldsNul);
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).some(([key, item]) => key.includes(NUL) || jsonHoldsNul(item));
  return false;
}

/** NUL in the text itself, or (as the escape \u0000) in a string of the JSON document it holds. */
function holdsNul(text: string, json: boolean): boolean {
  if (text.includes(NUL)) return true;
  if (!json) return false;
  try {
    return jsonHoldsNul(JSON.parse(text));
  } catch {
    return false; // not JSON at all: the graph reader reports that on its own field
  }
}

/**
 * PostgreSQL stores no NUL in text or jsonb: a name or a graph holding one failed the INSERT, a
 * 500 for the client's input (schemathesis found it). Refused here as a field error instead.
 * `json` fields are JSON documents whose strings are checked once parsed.
 */
export function refuseNulCharacters(
  fields: Record<string, { readonly text: string | undefined; readonly json?: boolean }>,
  locale: Locale,
): void {
  const violations: FieldViolation[] = Object.entries(fields)
    .filter(([, { text, json }]) => text !== undefined && holdsNul(text, json ?? false))
    .map(([field]) => ({ field, code: 'NUL_CHARACTER', message: texts[locale] }));
  if (violations.length > 0) throw new ValidationError(texts[locale], violations);
}
