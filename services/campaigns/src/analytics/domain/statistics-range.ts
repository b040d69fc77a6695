import type { FieldViolation } from '@zvonar/eventsourcing';

export type Bucket = 'hour' | 'day';

/** The longest range one request may cover, per bucket: a chart of at most ~750 points. */
export const MAX_RANGE_DAYS: Readonly<Record<Bucket, number>> = { hour: 31, day: 400 };

const DAY_MS = 86_400_000;

/** What an empty time zone means: the requests document it. */
export const DEFAULT_TIME_ZONE = 'UTC';

// IANA names only ("Europe/Moscow", "Etc/GMT-3", "UTC"): an offset such as "+03:00" means the
// opposite sign to PostgreSQL (POSIX) than to everyone else, so it is refused, not guessed.
const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

/** True for a zone name both this process (ICU) and an IANA database would accept. */
export function isKnownTimeZone(zone: string): boolean {
  if (!IANA_NAME.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export type RangeInput = {
  readonly from: Date | undefined;
  readonly to: Date | undefined;
  readonly bucket: Bucket;
  readonly timeZone: string;
};

export type ValidRange = { readonly from: Date; readonly to: Date; readonly bucket: Bucket; readonly timeZone: string };

export type RangeCheck = { readonly ok: true; readonly range: ValidRange } | { readonly ok: false; readonly violations: FieldViolation[] };

const violation = (field: string, code: string, message: string): FieldViolation => ({ field, code, message });

/**
 * A statistics range as the queries need it: both ends present, `from` before `to`, no longer than
 * its bucket allows, and a zone PostgreSQL can bucket in. Every problem is reported at once.
 */
export function checkRange(input: RangeInput): RangeCheck {
  const violations: FieldViolation[] = [];
  const timeZone = input.timeZone.trim() === '' ? DEFAULT_TIME_ZONE : input.timeZone.trim();
  if (!isKnownTimeZone(timeZone)) violations.push(violation('time_zone', 'UNKNOWN_TIME_ZONE', `${timeZone} is not an IANA time zone`));
  const valid = (date: Date | undefined): date is Date => date instanceof Date && !Number.isNaN(date.getTime());
  if (!valid(input.from)) violations.push(violation('from', 'REQUIRED', 'from is required'));
  if (!valid(input.to)) violations.push(violation('to', 'REQUIRED', 'to is required'));
  if (valid(input.from) && valid(input.to)) {
    const spanMs = input.to.getTime() - input.from.getTime();
    const maxDays = MAX_RANGE_DAYS[input.bucket];
    if (spanMs <= 0) violations.push(violation('to', 'RANGE_REVERSED', 'to must be after from'));
    else if (spanMs > maxDays * DAY_MS) violations.push(violation('to', 'RANGE_TOO_LONG', `${input.bucket} buckets cover at most ${maxDays} days`));
  }
  if (violations.length > 0 || !valid(input.from) || !valid(input.to)) return { ok: false, violations };
  return { ok: true, range: { from: input.from, to: input.to, bucket: input.bucket, timeZone } };
}
