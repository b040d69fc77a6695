import type { FieldViolation } from '@zvonar/eventsourcing';
import type { Locale } from '../infrastructure/csv-exports';

/**
 * Russian texts of the analytics' own violation codes; the campaigns' `localized` keeps a Russian
 * message it does not know the code of, and translates the shared codes (REQUIRED,
 * UNKNOWN_TIME_ZONE, OUT_OF_RANGE) itself.
 */
const RU: Record<string, (violation: FieldViolation) => string> = {
  RANGE_REVERSED: () => 'Конец периода должен быть позже начала',
  RANGE_TOO_LONG: ({ message }) => {
    const days = /at most (\d+) days/.exec(message)?.[1] ?? '';
    return message.startsWith('hour') ? `По часам — не больше ${days} дней` : `По дням — не больше ${days} дней`;
  },
};

export const inLocale = (violations: readonly FieldViolation[], locale: Locale): FieldViolation[] =>
  locale === 'en' ? [...violations] : violations.map((violation) => ({ ...violation, message: RU[violation.code]?.(violation) ?? violation.message }));
