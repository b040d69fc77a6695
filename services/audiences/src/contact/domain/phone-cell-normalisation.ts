import type { CountryCode } from 'libphonenumber-js/max';
import { splitPhoneCell } from './phone-cell';
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

/** Every number of one cell, normalised; the same number written twice in a cell counts once. */
export function normalisePhoneCell(cell: string, options: PhoneCellOptions): PhoneCellResult {
  const parts = splitPhoneCell(cell);
  if (parts.length === 0) return { phones: [], rejected: [{ ok: false, input: cell, reason: 'empty' }] };
  if (parts.length > 1 && !options.splitMultiple) return { phones: [], rejected: [{ ok: false, input: cell, reason: 'several-numbers' }] };
  const phones = new Map<string, NormalisedPhone>();
  const rejected: PhoneRejection[] = [];
  for (const part of parts) {
    const outcome = normalisePhone(part, options.defaultCountry);
    if (!outcome.ok) rejected.push(outcome);
    else if (!phones.has(outcome.phone.e164)) phones.set(outcome.phone.e164, outcome.phone);
  }
  return { phones: [...phones.values()], rejected };
}
