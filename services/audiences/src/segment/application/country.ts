import type { FieldViolation } from '@zvonar/eventsourcing';
import { isSupportedCountry, type CountryCode } from 'libphonenumber-js/max';
import type { Locale } from './locale';
import { texts } from './texts';

/** The request's country, or the service's default when blank; a violation on `field` when unknown. */
export function countryOf(value: string, fallback: string, field: string, locale: Locale): { country: CountryCode } | { violation: FieldViolation } {
  const code = (value.trim() === '' ? fallback : value.trim()).toUpperCase();
  if (!isSupportedCountry(code)) return { violation: { field, code: 'UNKNOWN_COUNTRY', message: texts.country[locale] } };
  return { country: code };
}
