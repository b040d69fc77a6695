import { ContactNormaliser, type Contact, type NormalisationOptions } from '../../contact/domain';
import { mapRow, type CompiledMapping, type MessengerKind } from './column-mapping';
import type { ErrorReportRow } from './error-report';
import { emptyTally, type ImportTally } from './import-tally';
import type { SourceRecord } from './source-record';

/** A normalised contact with the row's messenger handles and custom field values (shared by the contacts of one row). */
export type ImportedContact = {
  readonly contact: Contact;
  readonly messengers: Partial<Record<MessengerKind, string>>;
  readonly customFields: Readonly<Partial<Record<string, string>>>;
};

/** What became of one record of the file. */
export type RowResult =
  | { readonly kind: 'skipped' }
  | { readonly kind: 'imported'; readonly contacts: readonly ImportedContact[] }
  | { readonly kind: 'reported'; readonly row: ErrorReportRow };

const SKIPPED: RowResult = { kind: 'skipped' };

/**
 * Reads the file's records one at a time (so memory does not grow with the file, beyond the normaliser's
 * duplicate index): header and empty rows skipped and counted, each data row mapped, normalised and
 * counted as imported, rejected or duplicate; rows left out come back as error-report rows.
 */
export class RowImporter {
  private readonly normaliser: ContactNormaliser;
  private counts: { -readonly [K in keyof ImportTally]: ImportTally[K] } = emptyTally();

  constructor(
    private readonly mapping: CompiledMapping,
    options: NormalisationOptions,
    /** Keys of the contacts the segment already holds (duplicates of them are counted as duplicates). */
    alreadyInSegment: Iterable<string> = [],
    /** A resumed import: the accounting so far and the keys its contacts so far hold, with their rows. */
    resumed?: { readonly tally: ImportTally; readonly importedKeys: Iterable<readonly [string, number]> },
  ) {
    this.normaliser = new ContactNormaliser(options, alreadyInSegment, resumed?.importedKeys);
    if (resumed) this.counts = { ...resumed.tally };
  }

  tally(): ImportTally {
    return { ...this.counts };
  }

  read(record: SourceRecord): RowResult {
    if (record.kind === 'empty') {
      this.counts.emptyRows += 1;
      return SKIPPED;
    }
    if (this.mapping.hasHeader && this.counts.headerRows === 0) {
      this.counts.headerRows = 1;
      return SKIPPED;
    }
    this.counts.rowsRead += 1;
    if (record.kind === 'broken-quotes') {
      this.counts.rejected += 1;
      this.counts.brokenQuoteRows += 1;
      return { kind: 'reported', row: { rowNumber: record.rowNumber, values: [record.raw], reasons: [{ field: 'row', input: record.raw, reason: record.reason }] } };
    }
    const mapped = mapRow(this.mapping, record.rowNumber, record.fields);
    const outcome = this.normaliser.normalise(mapped.contact);
    if (outcome.kind === 'accepted') {
      this.counts.imported += 1;
      this.counts.contacts += outcome.contacts.length;
      return { kind: 'imported', contacts: outcome.contacts.map((contact) => ({ contact, messengers: mapped.messengers, customFields: mapped.customFields })) };
    }
    if (outcome.kind === 'rejected') {
      this.counts.rejected += 1;
      return { kind: 'reported', row: { rowNumber: record.rowNumber, values: record.fields, reasons: outcome.reasons } };
    }
    this.counts.duplicates += 1;
    return { kind: 'reported', row: { rowNumber: record.rowNumber, values: record.fields, reasons: [{ field: 'row', input: outcome.key, reason: 'duplicate', duplicateOf: outcome.duplicateOf }] } };
  }
}
