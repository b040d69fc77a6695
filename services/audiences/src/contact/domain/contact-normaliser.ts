import type { Contact, NormalisationOptions, RawContactRow, RowOutcome, RowRejection } from './contact-row';
import { normaliseEmail } from './email-normalisation';
import { note, type NormalisationNote } from './normalisation-note';
import { normalisePhoneCell } from './phone-cell-normalisation';
import type { NormalisedPhone } from './phone-normalisation';

export type NormalisationTally = {
  readonly rowsRead: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly duplicates: number;
  readonly contacts: number;
};

const present = (cell: string | undefined): cell is string => cell !== undefined && cell.trim() !== '';

/**
 * Turns rows into contacts one at a time (so a million-row import streams), remembering what the segment
 * already holds to drop duplicates. Every row gets exactly one outcome: accepted + rejected + duplicates
 * equals rows read.
 */
export class ContactNormaliser {
  private readonly seen = new Map<string, number>();
  private counts = { rowsRead: 0, accepted: 0, rejected: 0, duplicates: 0, contacts: 0 };

  /**
   * `alreadyInSegment`: keys (see `contactKey`) of the contacts the segment holds before this
   * import; with `removeDuplicates`, a row repeating one is a duplicate of row 0, "already in the
   * segment". `seenAt`: keys already taken by earlier rows of this same run (a resumed import), with
   * the row that took each, so a later repeat names the same first row as an uninterrupted run.
   */
  constructor(
    private readonly options: NormalisationOptions,
    alreadyInSegment: Iterable<string> = [],
    seenAt: Iterable<readonly [string, number]> = [],
  ) {
    for (const key of alreadyInSegment) this.seen.set(key, ALREADY_IN_SEGMENT);
    for (const [key, rowNumber] of seenAt) this.seen.set(key, rowNumber);
  }

  tally(): NormalisationTally {
    return { ...this.counts };
  }

  normalise(row: RawContactRow): RowOutcome {
    this.counts.rowsRead += 1;
    const outcome = this.decide(row);
    if (outcome.kind === 'accepted') {
      this.counts.accepted += 1;
      this.counts.contacts += outcome.contacts.length;
    } else if (outcome.kind === 'rejected') this.counts.rejected += 1;
    else this.counts.duplicates += 1;
    return outcome;
  }

  private decide(row: RawContactRow): RowOutcome {
    // Called once per row of a million-row import: no array or object is made that the outcome does not keep.
    let reasons: RowRejection[] | undefined;
    let phones: readonly NormalisedPhone[] = NO_PHONES;
    let phoneRejections: readonly NormalisationNote[] = NO_NOTES;
    if (present(row.phone)) {
      const cell = normalisePhoneCell(row.phone, { defaultCountry: this.options.defaultCountry, splitMultiple: this.options.splitMultiplePhones });
      phones = cell.phones;
      if (cell.rejected.length > 0) {
        reasons = cell.rejected.map((rejection): RowRejection => ({ field: 'phone', input: rejection.input, reason: rejection.reason }));
        phoneRejections = cell.rejected.map((rejection) => note('phone-rejected', `${rejection.input.trim()}: ${rejection.reason}`));
      }
    }
    let email: string | null = null;
    let emailNotes: readonly NormalisationNote[] = NO_NOTES;
    if (present(row.email)) {
      const outcome = normaliseEmail(row.email, this.options.email);
      if (outcome.ok) {
        email = outcome.email;
        emailNotes = outcome.notes;
      } else (reasons ??= []).push({ field: 'email', input: outcome.input, reason: outcome.reason });
    }
    const rowNumber = row.rowNumber;
    if (phones.length === 0 && email === null) {
      return { kind: 'rejected', rowNumber, reasons: reasons ?? [{ field: 'row', input: '', reason: 'no-phone-or-email' }] };
    }
    const contacts: Contact[] =
      phones.length === 0
        ? [{ rowNumber, phone: null, phoneCountry: null, email, notes: joined(phoneRejections, emailNotes) }]
        : phones.map((phone): Contact => ({ rowNumber, phone: phone.e164, phoneCountry: phone.country, email, notes: joined(joined(phone.notes, phoneRejections), emailNotes) }));
    return this.withoutDuplicates(rowNumber, contacts);
  }

  private withoutDuplicates(rowNumber: number, contacts: readonly Contact[]): RowOutcome {
    if (!this.options.removeDuplicates) return { kind: 'accepted', rowNumber, contacts };
    let fresh: Contact[] | undefined;
    let dropped: Array<{ key: string; firstRow: number }> | undefined;
    for (const contact of contacts) {
      const firstRow = this.seen.get(keyOf(contact));
      if (firstRow === undefined) (fresh ??= []).push(contact);
      else (dropped ??= []).push({ key: keyOf(contact), firstRow });
    }
    const first = dropped?.[0];
    if (fresh === undefined) return first ? { kind: 'duplicate', rowNumber, duplicateOf: first.firstRow, key: first.key } : { kind: 'accepted', rowNumber, contacts: [] };
    for (const contact of fresh) this.seen.set(keyOf(contact), rowNumber);
    // Contacts are only re-created when there are duplicate notes to add to them.
    if (dropped === undefined) return { kind: 'accepted', rowNumber, contacts: fresh };
    const notes = dropped.map(({ key, firstRow }) => note('duplicate-dropped', `${key} (row ${firstRow})`));
    return { kind: 'accepted', rowNumber, contacts: fresh.map((contact) => ({ ...contact, notes: [...contact.notes, ...notes] })) };
  }
}

const NO_PHONES: readonly NormalisedPhone[] = Object.freeze([]);
const NO_NOTES: readonly NormalisationNote[] = Object.freeze([]);

/** `first` then `second`; either one itself when the other is empty (notes are never changed once made). */
const joined = (first: readonly NormalisationNote[], second: readonly NormalisationNote[]): readonly NormalisationNote[] =>
  second.length === 0 ? first : first.length === 0 ? second : [...first, ...second];

/** What identifies a contact in the segment: its E.164, else its e-mail. */
export const contactKey = (phone: string | null, email: string | null): string => phone ?? `email:${email ?? ''}`;
const keyOf = (contact: Contact): string => contactKey(contact.phone, contact.email);

/** The "row" of a contact the segment held before the import. */
export const ALREADY_IN_SEGMENT = 0;

/** The whole segment at once: every outcome plus the tally. */
export function normaliseContactRows(rows: Iterable<RawContactRow>, options: NormalisationOptions): { outcomes: RowOutcome[]; tally: NormalisationTally } {
  const normaliser = new ContactNormaliser(options);
  const outcomes = Array.from(rows, (row) => normaliser.normalise(row));
  return { outcomes, tally: normaliser.tally() };
}
