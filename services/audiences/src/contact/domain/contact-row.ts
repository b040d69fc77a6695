import type { CountryCode } from 'libphonenumber-js/max';
import type { EmailOptions, EmailRejectionReason } from './email-normalisation';
import type { NormalisationNote } from './normalisation-note';
import type { PhoneRejectionReason } from './phone-normalisation';

/** One row as read from an import file, after column mapping. Absent cells are undefined. */
export type RawContactRow = {
  /** 1-based line of the source, for the error report. */
  readonly rowNumber: number;
  readonly phone?: string;
  readonly email?: string;
};

export type NormalisationOptions = {
  readonly defaultCountry: CountryCode;
  readonly splitMultiplePhones: boolean;
  readonly email: EmailOptions;
  /** Drop contacts already seen in the segment (same E.164, or same e-mail for a contact without a phone). */
  readonly removeDuplicates: boolean;
};

export type Contact = {
  readonly rowNumber: number;
  readonly phone: string | null;
  /** Country of the phone; `RU`-only campaigns mark others "not a Russian number". */
  readonly phoneCountry: string | null;
  readonly email: string | null;
  readonly notes: readonly NormalisationNote[];
};

export type RowRejection =
  | { readonly field: 'phone'; readonly input: string; readonly reason: PhoneRejectionReason }
  | { readonly field: 'email'; readonly input: string; readonly reason: EmailRejectionReason }
  | { readonly field: 'row'; readonly input: string; readonly reason: 'no-phone-or-email' };

/** Exactly one outcome per row read. */
export type RowOutcome =
  | { readonly kind: 'accepted'; readonly rowNumber: number; readonly contacts: readonly Contact[] }
  | { readonly kind: 'rejected'; readonly rowNumber: number; readonly reasons: readonly RowRejection[] }
  | { readonly kind: 'duplicate'; readonly rowNumber: number; readonly duplicateOf: number; readonly key: string };
