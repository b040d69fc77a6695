import type { PrefixTable } from './prefix-table';
import type { TimeZoneCertainty } from './phone-intelligence.port';
import { ALL_RUSSIA_TIME_ZONES, RUSSIAN_TIME_ZONE_CORRECTIONS } from './russian-time-zones';

export type TimeZoneAnswer = {
  readonly timeZones: readonly string[];
  readonly timeZoneCertainty: TimeZoneCertainty;
  readonly timeZoneNote?: string;
};

const UNKNOWN: TimeZoneAnswer = { timeZones: [], timeZoneCertainty: 'unknown', timeZoneNote: 'no time-zone data for this number' };

/** Longer than a country calling code plus one digit: the data places the range, not only the country. */
const PLACES_THE_RANGE = 3;

function certaintyOf(zones: readonly string[]): TimeZoneCertainty {
  if (zones.length === 0) return 'unknown';
  return zones.length === 1 ? 'exact' : 'ambiguous';
}

function russianCorrection(digits: string): TimeZoneAnswer | undefined {
  for (let length = digits.length; length > 1; length -= 1) {
    const correction = RUSSIAN_TIME_ZONE_CORRECTIONS.get(digits.slice(0, length));
    if (correction) return { timeZones: correction.zones, timeZoneCertainty: certaintyOf(correction.zones), timeZoneNote: correction.why };
  }
  return undefined;
}

/**
 * The time-zone candidates of a number (E.164 digits without the plus) in `country`.
 * Russian numbers get two fixes over the raw map: known wrong ABC prefixes are corrected, and a number
 * the map places only by country or by the mobile block `79` (where it answers Moscow for every DEF
 * range) gets every Russian zone, marked ambiguous, instead of a confident but unfounded Moscow.
 */
export function timeZoneCandidates(table: PrefixTable<readonly string[]>, digits: string, country: string | null): TimeZoneAnswer {
  if (country === 'RU') {
    const corrected = russianCorrection(digits);
    if (corrected) return corrected;
  }
  const match = table.longest(digits);
  if (country === 'RU' && (!match || match.prefix.length < PLACES_THE_RANGE)) {
    return {
      timeZones: [...ALL_RUSSIA_TIME_ZONES].sort(),
      timeZoneCertainty: 'ambiguous',
      timeZoneNote: 'the range (a mobile DEF code or an unplaced prefix) is not tied to a region in the numbering data: every Russian zone is a candidate',
    };
  }
  if (!match) return UNKNOWN;
  const zones = [...match.value].sort();
  const certainty = certaintyOf(zones);
  return certainty === 'ambiguous'
    ? { timeZones: zones, timeZoneCertainty: certainty, timeZoneNote: `prefix +${match.prefix} spans ${zones.length} zones` }
    : { timeZones: zones, timeZoneCertainty: certainty };
}
