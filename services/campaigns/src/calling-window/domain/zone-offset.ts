// Time-zone arithmetic on the standard library only: Intl.DateTimeFormat knows the IANA rules
// (DST included), so a zone's offset at an instant is "its wall clock read as UTC minus the instant".

const MINUTE_MS = 60_000;
/** Offsets are cached per 15-minute bucket: every modern tz transition falls on a whole quarter hour. */
const BUCKET_MS = 15 * MINUTE_MS;
const CACHE_LIMIT = 200_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
const cachedOffsets = new Map<string, Map<number, number>>();
let cachedCount = 0;

const formatterFor = (zone: string): Intl.DateTimeFormat => {
  let formatter = formatters.get(zone);
  if (!formatter) {
    // Throws RangeError for a name the runtime does not know; isKnownTimeZone turns that into a boolean.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
};

export const isKnownTimeZone = (zone: string): boolean => {
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
};

/** The zone's offset from UTC in ms at `instantMs`, read straight from Intl (no cache). */
export const exactOffsetMs = (zone: string, instantMs: number): number => {
  const wholeSecond = Math.floor(instantMs / 1000) * 1000;
  const fields: Record<string, number> = {};
  for (const part of formatterFor(zone).formatToParts(wholeSecond)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  // Some engines still print midnight as hour 24 of the previous day even with h23.
  const hour = fields.hour === 24 ? 0 : (fields.hour ?? 0);
  const wall = Date.UTC(fields.year ?? 1970, (fields.month ?? 1) - 1, fields.day ?? 1, hour, fields.minute ?? 0, fields.second ?? 0);
  return wall - wholeSecond;
};

/**
 * The zone's offset at `instantMs`. A bucket whose first and last second share an offset has no
 * transition inside and is cached; a bucket holding a transition is answered exactly every time.
 */
export const offsetMs = (zone: string, instantMs: number): number => {
  const bucket = Math.floor(instantMs / BUCKET_MS);
  let perZone = cachedOffsets.get(zone);
  const cached = perZone?.get(bucket);
  if (cached !== undefined) return cached;
  const first = exactOffsetMs(zone, bucket * BUCKET_MS);
  const last = exactOffsetMs(zone, (bucket + 1) * BUCKET_MS - 1000);
  if (first !== last) return exactOffsetMs(zone, instantMs);
  if (cachedCount >= CACHE_LIMIT) {
    cachedOffsets.clear();
    cachedCount = 0;
  }
  if (!perZone) {
    perZone = new Map();
    cachedOffsets.set(zone, perZone);
  }
  perZone.set(bucket, first);
  cachedCount += 1;
  return first;
};

/**
 * The first instant in (afterMs, untilMs] at which the zone's offset differs from its offset at
 * `afterMs`, to the second; null when the offset is the same at both ends (no transition between:
 * callers sample at most 6 hours apart and zones never change twice within 6 hours).
 */
export const nextTransitionMs = (zone: string, afterMs: number, untilMs: number): number | null => {
  const before = offsetMs(zone, afterMs);
  if (offsetMs(zone, untilMs) === before) return null;
  let low = Math.floor(afterMs / 1000);
  let high = Math.ceil(untilMs / 1000);
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (exactOffsetMs(zone, middle * 1000) === before) low = middle;
    else high = middle;
  }
  return high * 1000;
};
