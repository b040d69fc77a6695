import type { NormalisationOptions } from '../../contact/domain';
import { validateMapping, type ColumnMapping, type MappingContext } from '../domain/column-mapping';
import type { ErrorReportRow } from '../domain/error-report';
import { importStart, type ImportCheckpoint } from '../domain/import-checkpoint';
import { ImportFailedError, type ImportFailure } from '../domain/import-failure';
import { emptyTally, isBalanced, progressOf, type ImportProgress, type ImportTally } from '../domain/import-tally';
import { RowImporter, type ImportedContact } from '../domain/row-importer';
import { stagedSink, type ContactStaging, type ErrorReportSink, type ImportSink } from './import-ports';
import type { RecordSource } from './record-source';

/** Records per batch when the caller names no size: a short transaction each, small enough to hold in memory. */
export const DEFAULT_BATCH_RECORDS = 2_000;

export type ImportRequest = {
  readonly source: RecordSource;
  readonly mapping: ColumnMapping;
  readonly mappingContext: MappingContext;
  readonly normalisation: NormalisationOptions;
  /** Keys (`contactKey`) of the contacts the target segment already holds, for de-duplication across imports. */
  readonly alreadyInSegment?: Iterable<string>;
  /** `fail`: any row with unbalanced quotes fails the import (the default); `reject-row`: such rows are rejected and reported. */
  readonly brokenQuotes?: 'fail' | 'reject-row';
  readonly onProgress?: (progress: ImportProgress) => void;
  /** A batch closes after this many source records (empty rows included) ... */
  readonly batchRecords?: number;
  /** ... or once it has been open this long (slow rows, a slow source), at the next chunk of records. */
  readonly batchMs?: number;
  /**
   * Resuming an import that stopped: where its last written batch left it, and the keys its
   * written contacts hold with the row that made each (so duplicates name the same first row).
   */
  readonly resume?: { readonly checkpoint: ImportCheckpoint; readonly importedKeys: Iterable<readonly [string, number]> };
} & (
  | { readonly sink: ImportSink }
  /** Everything staged and committed at the end (tests, the benchmark): a failure of any kind discards it. */
  | { readonly staging: ContactStaging; readonly errorReport: ErrorReportSink }
);

export type ImportResult =
  | { readonly status: 'completed'; readonly tally: ImportTally }
  | { readonly status: 'failed'; readonly failure: ImportFailure; readonly tally: ImportTally };

/** Row numbers a broken-quotes failure names; the error report lists them all. */
const NAMED_BROKEN_ROWS = 20;

const detailOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Runs one import to the end in batches: either every row is accounted for and the import completes,
 * or it fails with a clear reason and the sink undoes what it wrote (the error report is kept). An
 * error that is not the file's fault (storage, a bug) is thrown: a durable sink's job can resume
 * from its last batch; staged contacts are discarded.
 */
export async function runImport(request: ImportRequest): Promise<ImportResult> {
  if ('sink' in request) return importInBatches(request, request.sink);
  const sink = stagedSink(request.staging, request.errorReport);
  try {
    return await importInBatches(request, sink);
  } catch (error) {
    await sink.fail({ code: 'unreadable-file', detail: detailOf(error) }, emptyTally());
    throw error;
  }
}

async function importInBatches(request: ImportRequest, sink: ImportSink): Promise<ImportResult> {
  const fail = async (failure: ImportFailure, tally: ImportTally): Promise<ImportResult> => {
    await sink.fail(failure, tally);
    return { status: 'failed', failure, tally };
  };
  const validated = validateMapping(request.mapping, request.mappingContext);
  if (!validated.ok) return fail({ code: 'invalid-mapping', errors: validated.errors }, emptyTally());
  const resumedAt = request.resume?.checkpoint ?? importStart();
  const importer = new RowImporter(validated.mapping, request.normalisation, request.alreadyInSegment, request.resume && { tally: resumedAt.tally, importedKeys: request.resume.importedKeys });
  const batchRecords = request.batchRecords ?? DEFAULT_BATCH_RECORDS;
  const batchMs = request.batchMs ?? Number.POSITIVE_INFINITY;
  const { source } = request;

  let batches = resumedAt.batches;
  let records = resumedAt.records;
  /** Records the last run already wrote: read again (the parser must pass them) but not imported. */
  let toSkip = resumedAt.records;
  let contacts: ImportedContact[] = [];
  let reported: ErrorReportRow[] = [];
  let inBatch = 0;
  let batchOpenedAt = Date.now();
  const flush = async () => {
    batches += 1;
    const tally = importer.tally();
    await sink.write({
      contacts,
      reported,
      checkpoint: { batches, records, tally },
      progress: progressOf(tally.rowsRead, source.bytesRead(), source.bytesTotal, false),
    });
    contacts = [];
    reported = [];
    inBatch = 0;
    batchOpenedAt = Date.now();
  };

  const brokenRows: number[] = [];
  try {
    for await (const chunk of source.records()) {
      for (const record of chunk) {
        if (record.kind === 'broken-quotes' && brokenRows.length < NAMED_BROKEN_ROWS) brokenRows.push(record.rowNumber);
        if (toSkip > 0) {
          toSkip -= 1;
          continue;
        }
        const result = importer.read(record);
        if (result.kind === 'imported') for (const contact of result.contacts) contacts.push(contact);
        else if (result.kind === 'reported') reported.push(result.row);
        records += 1;
        inBatch += 1;
        if (inBatch >= batchRecords) await flush();
      }
      if (inBatch > 0 && Date.now() - batchOpenedAt >= batchMs) await flush();
      request.onProgress?.(progressOf(importer.tally().rowsRead, source.bytesRead(), source.bytesTotal, false));
    }
    if (inBatch > 0) await flush();
  } catch (error) {
    if (error instanceof ImportFailedError) return fail(error.failure, importer.tally());
    throw error;
  }
  // The file is shorter than what the stopped run had read: it is not the same file.
  if (toSkip > 0) throw new Error(`the import's file ended ${toSkip} records before its checkpoint (${resumedAt.records})`);

  const tally = importer.tally();
  if (!isBalanced(tally)) {
    // A bug, never the file: thrown, so nothing is kept rather than a segment whose counts do not add up.
    throw new Error(`import accounting broken: ${JSON.stringify(tally)}`);
  }
  if (tally.rowsRead === 0) return fail({ code: 'empty-file' }, tally);
  if (tally.brokenQuoteRows > 0 && (request.brokenQuotes ?? 'fail') === 'fail') {
    return fail({ code: 'broken-quotes', rowNumbers: brokenRows, count: tally.brokenQuoteRows }, tally);
  }
  await sink.complete(tally);
  request.onProgress?.(progressOf(tally.rowsRead, source.bytesRead(), source.bytesTotal, true));
  return { status: 'completed', tally };
}
