import type { Contact, NormalisationOptions, RawContactRow, RowOutcome, RowRejection } from './contact-row';
import { normaliseEmail } from './email-normalisation';
import { note, type NormalisationNote } from './normalisation-note';
import { normalisePhoneCell } from './phone-cell-normalisation';

export type NormalisationTally = {
  readonly rowsRead: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly duplicates: number;
  readonly contacts: number;
};

type Draft = { phone: string | null; phoneCountry: string | null; notes: NormalisationNote[] };

const present = (cell: string | undefined): cell is string => cell !== undefined && cell.trim() !== '';

/**
 * Turns rows into contacts one at a time (so a million-row import streams), remembering what the segment
 * already holds to drop duplicates. Every row gets exactly one outcome: accepted + rejected + duplicates
 * equals rows read.
 */
export class ContactNormaliser {
  private readonly seen = new Map<string, number>();
  private counts = { rowsRead: 0, accepted: 0, rejected: 0, duplicates: 0, contacts: 0 };

  constructor(private readonly options: NormalisationOptions) {}

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
    const reasons: RowRejection[] = [];
    const drafts: Draft[] = [];
    const phoneRejections: NormalisationNote[] = [];
    if (present(row.phone)) {
      const cell = normalisePhoneCell(row.phone, { defaultCountry: this.options.defaultCountry, splitMultiple: this.options.splitMultiplePhones });
      for (const rejection of cell.rejected) reasons.push({ field: 'phone', input: rejection.input, reason: rejection.reason });
      phoneRejections.push(...cell.rejected.map((rejection) => note('phone-rejected', `${rejection.input.trim()}: ${rejection.reason}`)));
      for (const phone of cell.phones) drafts.push({ phone: phone.e164, phoneCountry: phone.country, notes: [...phone.notes, ...phoneRejections] });
    }
    let email: string | null = null;
    const emailNotes: NormalisationNote[] = [];
    if (present(row.email)) {
      const outcome = normaliseEmail(row.email, this.options.email);
      if (outcome.ok) {
        email = outcome.email;
        emailNotes.push(...outcome.notes);
      } else reasons.push({ field: 'email', input: outcome.input, reason: outcome.reason });
    }
    if (drafts.length === 0 && email !== null) drafts.push({ phone: null, phoneCountry: null, notes: phoneRejections });
    if (drafts.length === 0) {
      return { kind: 'rejected', rowNumber: row.rowNumber, reasons: reasons.length ? reasons : [{ field: 'row', input: '', reason: 'no-phone-or-email' }] };
    }
    const contacts = drafts.map((draft): Contact => ({ rowNumber: row.rowNumber, ...draft, email, notes: [...draft.notes, ...emailNotes] }));
    return this.withoutDuplicates(row.rowNumber, contacts);
  }

  private withoutDuplicates(rowNumber: number, contacts: readonly Contact[]): RowOutcome {
    if (!this.options.removeDuplicates) return { kind: 'accepted', rowNumber, contacts };
    const fresh: Contact[] = [];
    const dropped: Array<{ key: string; firstRow: number }> = [];
    for (const contact of contacts) {
      const key = contact.phone ?? `email:${contact.email ?? ''}`;
      const firstRow = this.seen.get(key);
      if (firstRow === undefined) fresh.push(contact);
      else dropped.push({ key, firstRow });
    }
    const first = dropped[0];
    if (fresh.length === 0 && first) return { kind: 'duplicate', rowNumber, duplicateOf: first.firstRow, key: first.key };
    for (const contact of fresh) this.seen.set(contact.phone ?? `email:${contact.email ?? ''}`, rowNumber);
    const notes = dropped.map(({ key, firstRow }) => note('duplicate-dropped', `${key} (row ${firstRow})`));
    return { kind: 'accepted', rowNumber, contacts: fresh.map((contact) => ({ ...contact, notes: [...contact.notes, ...notes] })) };
  }
}

/** The whole segment at once: every outcome plus the tally. */
export function normaliseContactRows(rows: Iterable<RawContactRow>, options: NormalisationOptions): { outcomes: RowOutcome[]; tally: NormalisationTally } {
  const normaliser = new ContactNormaliser(options);
  const outcomes = Array.from(rows, (row) => normaliser.normalise(row));
  return { outcomes, tally: normaliser.tally() };
}
