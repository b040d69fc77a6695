import type { CountryCode } from 'libphonenumber-js/max';
import { splitPhoneCell } from './phone-cell';
import { note } from './normalisation-note';
import { normalisePhone, type NormalisedPhone, type PhoneOutcome } from './phone-normalisation';

export type PhoneRejection = Extract<PhoneOutcome, { ok: false }>;

export type PhoneCellResult = {
  readonly phones: readonly NormalisedPhone[];
  readonly rejected: readonly PhoneRejection[];
};

export type PhoneCellOptions = {
  readonly defaultCountry: CountryCode;
  /** Several numbers in one cell become separate contacts; when off, such a cell is refused. */
  readonly splitMultiple: boolean;
};

/** More tokens than this are not tried as run-together numbers (the search is quadratic in tokens). */
const MAX_TOKENS = 16;

/**
 * `89123456789 89123456790`: numbers separated only by spaces read as one too-long number. Splits the
 * space-separated tokens into the fewest consecutive groups that are each a valid number, or none.
 */
function splitRunTogether(part: string, options: PhoneCellOptions): NormalisedPhone[] | undefined {
  const tokens = part.split(/\s+/).filter((token) => token !== '');
  if (tokens.length < 2 || tokens.length > MAX_TOKENS) return undefined;
  const fewest: Array<NormalisedPhone[] | undefined> = [[]];
  for (let end = 1; end <= tokens.length; end += 1) {
    for (let start = 0; start < end; start += 1) {
      const before = fewest[start];
      const current = fewest[end];
      if (!before || (current && current.length <= before.length + 1)) continue;
      const outcome = normalisePhone(tokens.slice(start, end).join(' '), options.defaultCountry);
      if (outcome.ok) fewest[end] = [...before, { ...outcome.phone, notes: [...outcome.phone.notes, note('split-on-spaces')] }];
    }
  }
  const found = fewest[tokens.length];
  return found && found.length > 1 ? found : undefined;
}

const NO_REJECTIONS: readonly PhoneRejection[] = Object.freeze([]);

/** Every number of one cell, normalised; the same number written twice in a cell counts once. */
export function normalisePhoneCell(cell: string, options: PhoneCellOptions): PhoneCellResult {
  const parts = splitPhoneCell(cell);
  if (parts.length === 0) return { phones: [], rejected: [{ ok: false, input: cell, reason: 'empty' }] };
  if (parts.length > 1 && !options.splitMultiple) return { phones: [], rejected: [{ ok: false, input: cell, reason: 'several-numbers' }] };
  const first = normalisePhone(parts[0] ?? '', options.defaultCountry);
  // The common cell, one valid number: nothing to gather or de-duplicate.
  if (parts.length === 1 && first.ok) return { phones: [first.phone], rejected: NO_REJECTIONS };
  const phones = new Map<string, NormalisedPhone>();
  const rejected: PhoneRejection[] = [];
  parts.forEach((part, index) => {
    const outcome = index === 0 ? first : normalisePhone(part, options.defaultCountry);
    const found = outcome.ok ? [outcome.phone] : outcome.reason === 'too-long' && options.splitMultiple ? splitRunTogether(part, options) : undefined;
    if (!found) {
      if (!outcome.ok) rejected.push(outcome);
      return;
    }
    for (const phone of found) if (!phones.has(phone.e164)) phones.set(phone.e164, phone);
  });
  return { phones: [...phones.values()], rejected };
}
