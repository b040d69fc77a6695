import { parsePhoneNumberFromString, validatePhoneNumberLength, type CountryCode } from 'libphonenumber-js/max';
import { note, type NormalisationNote } from './normalisation-note';

export type PhoneRejectionReason = 'empty' | 'not-a-phone' | 'too-short' | 'too-long' | 'invalid-number' | 'several-numbers';

export type NormalisedPhone = {
  readonly e164: string;
  /** ISO 3166-1 alpha-2 of the number; a contact outside the project's country is flagged, not refused. */
  readonly country: string | null;
  readonly notes: readonly NormalisationNote[];
};

export type PhoneOutcome =
  | { readonly ok: true; readonly phone: NormalisedPhone }
  | { readonly ok: false; readonly input: string; readonly reason: PhoneRejectionReason };

/** Shortest national significant number worth dialling (E.164 minimum with a country code) and E.164's maximum. */
const MIN_DIGITS = 7;
const MAX_DIGITS = 15;

const EXTENSION = /\s*(?:доб(?:авочный)?|вн(?:утр)?|ext(?:ension)?|x|#)\.?\s*:?\s*(\d{1,7})\s*$/iu;
const LABEL = /^(?:тел(?:ефон)?|моб(?:ильный)?|tel|phone|mob(?:ile)?)\.?\s*:?\s*/iu;
const DASHES = /[\u2010-\u2015\u2212\uFE63\uFF0D]/g;
const SPACES = /[\s\u00A0\u2007\u202F]+/g;
const PHONE_PUNCTUATION = /^[+\d\s().-]*$/;

type Cleaned = { readonly text: string; readonly notes: NormalisationNote[] };

function clean(raw: string): Cleaned {
  const notes: NormalisationNote[] = [];
  let text = raw.normalize('NFKC').replace(DASHES, '-').replace(SPACES, ' ').trim().replace(LABEL, '');
  const extension = EXTENSION.exec(text);
  if (extension && /\d/.test(text.slice(0, extension.index))) {
    notes.push(note('extension-dropped', extension[1]));
    text = text.slice(0, extension.index).trim();
  }
  if (/^00[1-9]/.test(text)) {
    notes.push(note('international-prefix-rewritten', '00'));
    text = `+${text.slice(2)}`;
  }
  return { text, notes };
}

const reject = (input: string, reason: PhoneRejectionReason): PhoneOutcome => ({ ok: false, input, reason });

const NO_NOTES: readonly NormalisationNote[] = Object.freeze([]);
const SPACE = 0x20;
const PLUS = 0x2b;
const OPEN = 0x28;
const CLOSE = 0x29;
const DOT = 0x2e;
const DASH = 0x2d;
const ZERO = 0x30;
const NINE = 0x39;

/**
 * The digits of a cell written plainly (ASCII digits, `+`, `(`, `)`, `.`, `-` and single inner spaces, not
 * starting with `00` and a digit), else -1. Such a cell is its own clean text: NFKC, the dash and space
 * clean-up and trimming leave it as it is, and no label or extension can be written with these characters.
 */
function plainDigitCount(raw: string): number {
  const length = raw.length;
  if (length === 0 || raw.charCodeAt(0) === SPACE || raw.charCodeAt(length - 1) === SPACE) return -1;
  if (length > 2 && raw.charCodeAt(0) === ZERO && raw.charCodeAt(1) === ZERO && raw.charCodeAt(2) > ZERO && raw.charCodeAt(2) <= NINE) return -1;
  let digits = 0;
  let previous = 0;
  for (let index = 0; index < length; index += 1) {
    const code = raw.charCodeAt(index);
    if (code >= ZERO && code <= NINE) digits += 1;
    else if (code === SPACE) {
      if (previous === SPACE) return -1;
    } else if (code !== PLUS && code !== OPEN && code !== CLOSE && code !== DOT && code !== DASH) return -1;
    previous = code;
  }
  return digits;
}

/**
 * One written number to E.164, read in the project's default country: `8 (912) 345-67-89`, `7912…`,
 * `+7 912 …`, `8-912-…`, dots, brackets, stray spaces; extensions dropped with a note.
 */
export function normalisePhone(raw: string, defaultCountry: CountryCode): PhoneOutcome {
  // Most cells are written plainly: they skip the clean-up, which would give the same text and no notes.
  const digits = plainDigitCount(raw);
  return digits < 0 ? normalisePhoneGeneral(raw, defaultCountry) : readNumber(raw, raw, NO_NOTES, digits, defaultCountry);
}

/** `normalisePhone` without its fast path for plainly written cells: every cell cleaned up first (exported for the property test that both agree). */
export function normalisePhoneGeneral(raw: string, defaultCountry: CountryCode): PhoneOutcome {
  const { text, notes } = clean(raw);
  if (text === '') return reject(raw, 'empty');
  if (!PHONE_PUNCTUATION.test(text)) return reject(raw, 'not-a-phone');
  return readNumber(raw, text, notes, text.replace(/\D/g, '').length, defaultCountry);
}

function parseValid(text: string, defaultCountry: CountryCode): { e164: string; country: string | null } | undefined {
  const parsed = parsePhoneNumberFromString(text, defaultCountry);
  return parsed?.isValid() ? { e164: parsed.number, country: parsed.country ?? null } : undefined;
}

/** The cleaned-up `text` of `raw`, holding `digits` digits, through libphonenumber. */
function readNumber(raw: string, text: string, notes: readonly NormalisationNote[], digits: number, defaultCountry: CountryCode): PhoneOutcome {
  if (digits < MIN_DIGITS) return reject(raw, 'too-short');
  if (digits > MAX_DIGITS) return reject(raw, 'too-long');
  const direct = parseValid(text, defaultCountry);
  if (direct) return { ok: true, phone: { ...direct, notes } };
  if (text.startsWith('+')) {
    // `+8 912 …`: a plus typed in front of a national number.
    const national = parseValid(text.slice(1), defaultCountry);
    if (national) return { ok: true, phone: { ...national, notes: [...notes, note('stray-plus-ignored')] } };
  }
  return reject(raw, lengthReason(text, defaultCountry));
}

/** Why a number of plausible digit count still fails: too short or too long for its plan, else invalid. */
function lengthReason(text: string, defaultCountry: CountryCode): PhoneRejectionReason {
  const verdict = validatePhoneNumberLength(text, defaultCountry);
  if (verdict === 'TOO_SHORT') return 'too-short';
  if (verdict === 'TOO_LONG') return 'too-long';
  return 'invalid-number';
}
