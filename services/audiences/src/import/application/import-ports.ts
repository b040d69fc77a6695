import type { ErrorReportRow } from '../domain/error-report';
import type { ImportCheckpoint } from '../domain/import-checkpoint';
import type { ImportFailure } from '../domain/import-failure';
import type { ImportProgress, ImportTally } from '../domain/import-tally';
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

/** One batch of an import: its contacts and error-report rows, and where the import stands once it is written. */
export type ImportBatch = {
  readonly contacts: readonly ImportedContact[];
  readonly reported: readonly ErrorReportRow[];
  readonly checkpoint: ImportCheckpoint;
  readonly progress: ImportProgress;
};

/**
 * Where an import's results go, batch after batch. A durable sink writes each batch with its
 * checkpoint atomically, so an import that stops (a crash, a restart) resumes after the last batch
 * written; `fail` undoes what the batches wrote. A failure that is not the file's (the storage,
 * a bug) reaches neither `complete` nor `fail`: the caller decides whether to resume or give up.
 */
export interface ImportSink {
  write(batch: ImportBatch): Promise<void>;
  complete(tally: ImportTally): Promise<void>;
  fail(failure: ImportFailure, tally: ImportTally): Promise<void>;
}

/** Staging plus a report sink as one ImportSink: batches are staged, committed together at the end or discarded. */
export function stagedSink(staging: ContactStaging, errorReport: ErrorReportSink): ImportSink {
  return {
    async write(batch) {
      if (batch.contacts.length > 0) await staging.add(batch.contacts);
      if (batch.reported.length > 0) await errorReport.add(batch.reported);
    },
    async complete(tally) {
      await errorReport.close();
      await staging.commit(tally);
    },
    async fail() {
      await staging.discard();
      await errorReport.close();
    },
  };
}
