import type { ErrorReportRow } from '../domain/error-report';
import type { ImportTally } from '../domain/import-tally';
import type { ImportedContact } from '../domain/row-importer';

/**
 * Where an import's contacts wait until the import ends: committed together when it completes,
 * discarded when it fails, so no segment is ever left half-imported.
 */
export interface ContactStaging {
  add(contacts: readonly ImportedContact[]): Promise<void>;
  commit(tally: ImportTally): Promise<void>;
  discard(): Promise<void>;
}

/** The downloadable error report; kept for failed imports too. */
export interface ErrorReportSink {
  add(rows: readonly ErrorReportRow[]): Promise<void>;
  close(): Promise<void>;
}
