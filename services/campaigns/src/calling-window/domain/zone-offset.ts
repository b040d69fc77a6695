// Time-zone arithmetic on the standard library only: Intl.DateTimeFormat knows the IANA rules
// (DST included), so a zone's offset at an instant is "its wall clock read as UTC minus the instant".
// Intl is slow (tens of microseconds a call on a busy machine), so each zone's offset changes are
// found once per calendar year and every later question is a look-up in that short list.

const WEEK_MS = 7 * 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

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

/** The zone's offset from UTC in ms at `instantMs`, read straight from Intl. */
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

/** Offsets of one zone over one UTC calendar year: `offsets[i]` holds from `starts[i]`. */
type ZoneYear = { readonly starts: readonly number[]; readonly offsets: readonly number[] };

const years = new Map<string, Map<number, ZoneYear>>();

/** First whole second in (lowMs, highMs] whose offset differs from the offset at `lowMs`. */
const bisect = (zone: string, lowMs: number, highMs: number): number => {
  const before = exactOffsetMs(zone, lowMs);
  let low = Math.floor(lowMs / 1000);
  let high = Math.ceil(highMs / 1000);
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (exactOffsetMs(zone, middle * 1000) === before) low = middle;
    else high = middle;
  }
  return high * 1000;
};

/**
 * Samples the year weekly and bisects each week whose ends differ. This assumes no zone changes
 * offset and back within one week: the shortest such pause in tzdata (Morocco's Ramadan) is
 * about a month.
 */
const buildYear = (zone: string, year: number): ZoneYear => {
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  const starts = [start];
  const offsets = [exactOffsetMs(zone, start)];
  let previous = offsets[0]!;
  for (let low = start; low < end; low += WEEK_MS) {
    const high = Math.min(low + WEEK_MS, end);
    const offset = exactOffsetMs(zone, high);
    if (offset !== previous) {
      const change = bisect(zone, low, high);
      starts.push(change);
      offsets.push(exactOffsetMs(zone, change));
      previous = offset;
    }
  }
  return { starts, offsets };
};

const yearOf = (zone: string, year: number): ZoneYear => {
  let perZone = years.get(zone);
  if (!perZone) {
    perZone = new Map();
    years.set(zone, perZone);
  }
  let table = perZone.get(year);
  if (!table) {
    table = buildYear(zone, year);
    perZone.set(year, table);
  }
  return table;
};

const utcYear = (instantMs: number): number => new Date(instantMs).getUTCFullYear();

/** The zone's offset from UTC in ms at `instantMs`. */
export const offsetMs = (zone: string, instantMs: number): number => {
  const { starts, offsets } = yearOf(zone, utcYear(instantMs));
  let index = 0;
  while (index + 1 < starts.length && starts[index + 1]! <= instantMs) index += 1;
  return offsets[index]!;
};

/** Every instant in (fromMs, untilMs] at which the zone's offset changes, in order. */
export const transitionsBetween = (zone: string, fromMs: number, untilMs: number): number[] => {
  const out: number[] = [];
  for (let year = utcYear(fromMs); year <= utcYear(untilMs); year += 1) {
    const { starts } = yearOf(zone, year);
    for (let index = 1; index < starts.length; index += 1) {
      const change = starts[index]!;
      if (change > fromMs && change <= untilMs && out[out.length - 1] !== change) out.push(change);
    }
  }
  return out;
};

/** The first offset change in (afterMs, untilMs], or null. */
export const nextTransitionMs = (zone: string, afterMs: number, untilMs: number): number | null =>
  transitionsBetween(zone, afterMs, untilMs)[0] ?? null;
