/** A name in the locales the numbering data carries; either may be missing. */
export type LocalisedName = { readonly en: string | null; readonly ru: string | null };

export type LineType =
  | 'mobile'
  | 'fixed-line'
  | 'fixed-line-or-mobile'
  | 'toll-free'
  | 'premium-rate'
  | 'shared-cost'
  | 'voip'
  | 'personal-number'
  | 'pager'
  | 'uan'
  | 'voicemail'
  | 'unknown';

/**
 * How far the time zones can be trusted:
 * - `exact`: one zone, from a geographic prefix;
 * - `ambiguous`: several candidates (a mobile range, a non-geographic or multi-zone prefix); a dialer
 *   must call only inside the intersection of their local windows;
 * - `unknown`: no candidate (an invalid or unmapped number).
 */
export type TimeZoneCertainty = 'exact' | 'ambiguous' | 'unknown';

export type PhoneFacts = {
  readonly e164: string;
  readonly valid: boolean;
  /** ISO 3166-1 alpha-2, or null when the number belongs to no country (or cannot be parsed). */
  readonly country: string | null;
  /** Geographic region of the prefix; null for mobile and non-geographic ranges. */
  readonly region: LocalisedName | null;
  /** The operator the range was allocated to; numbers may have been ported since. */
  readonly operator: LocalisedName | null;
  /** IANA time-zone ids, sorted; several when the number cannot be pinned to one zone. */
  readonly timeZones: readonly string[];
  readonly timeZoneCertainty: TimeZoneCertainty;
  /** Why the zones are ambiguous, corrected or unknown; absent when exact and straight from the data. */
  readonly timeZoneNote?: string;
  readonly lineType: LineType;
};

/** Where the answers come from, for audit trails and scoring invoices. */
export type PhoneIntelligenceSource = { readonly name: string; readonly version: string };

/** Country, region, operator, time zones and line type of phone numbers already in E.164. */
export interface PhoneIntelligence {
  readonly source: PhoneIntelligenceSource;
  lookup(e164: string): Promise<PhoneFacts>;
  /** Same answers as `lookup`, in input order; adapters for remote vendors batch here. */
  lookupMany(e164s: readonly string[]): Promise<PhoneFacts[]>;
}
