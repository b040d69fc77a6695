import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { lineTypeOf } from './line-type';
import type { NumberingTables } from './numbering-tables';
import type { LocalisedName, PhoneFacts } from './phone-intelligence.port';
import { timeZoneCandidates } from './time-zone-candidates';

const E164 = /^\+[1-9]\d{1,14}$/;

function unparseable(e164: string): PhoneFacts {
  return {
    e164,
    valid: false,
    country: null,
    region: null,
    operator: null,
    timeZones: [],
    timeZoneCertainty: 'unknown',
    timeZoneNote: 'not an E.164 number',
    lineType: 'unknown',
  };
}

/** The region is reported only when the data names it in some locale (a prefix row may be empty). */
const named = (name: LocalisedName | undefined): LocalisedName | null => (name && (name.en || name.ru) ? name : null);

/** Everything the offline data knows about one E.164 number. Pure: same tables and input, same answer. */
export function describeNumber(tables: NumberingTables, e164: string): PhoneFacts {
  if (!E164.test(e164)) return unparseable(e164);
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return unparseable(e164);
  const digits = e164.slice(1);
  const valid = parsed.isValid();
  const country = parsed.country ?? null;
  return {
    e164: parsed.number,
    valid,
    country,
    region: valid ? named(tables.regions.longest(digits)?.value) : null,
    operator: valid ? named(tables.operators.longest(digits)?.value) : null,
    ...(valid ? timeZoneCandidates(tables.timeZones, digits, country) : { timeZones: [], timeZoneCertainty: 'unknown', timeZoneNote: 'not a valid number' }),
    lineType: valid ? lineTypeOf(parsed.getType()) : 'unknown',
  };
}
