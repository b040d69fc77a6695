import type { NormalisationOptions } from '../../contact/domain';
import { validateMapping, type ColumnMapping, type MappingContext } from '../domain/column-mapping';
import type { ErrorReportRow } from '../domain/error-report';
import { ImportFailedError, type ImportFailure } from '../domain/import-failure';
import { emptyTally, isBalanced, progressOf, type ImportProgress, type ImportTally } from '../domain/import-tally';
import { RowImporter, type ImportedContact } from '../domain/row-importer';
import type { ContactStaging, ErrorReportSink } from './import-ports';
import type { RecordSource } from './record-source';

export type ImportRequest = {
  readonly source: RecordSource;
  readonly mapping: ColumnMapping;
  readonly mappingContext: MappingContext;
  readonly normalisation: NormalisationOptions;
  /** Keys (`contactKey`) of the contacts the target segment already holds, for de-duplication across imports. */
  readonly alreadyInSegment?: Iterable<string>;
  /** `fail`: any row with unbalanced quotes fails the import (the default); `reject-row`: such rows are rejected and reported. */
  readonly brokenQuotes?: 'fail' | 'reject-row';
  readonly staging: ContactStaging;
  readonly errorReport: ErrorReportSink;
  readonly onProgress?: (progress: ImportProgress) => void;
};

export type ImportResult =
  | { readonly status: 'completed'; readonly tally: ImportTally }
  | { readonly status: 'failed'; readonly failure: ImportFailure; readonly tally: ImportTally };

/** Row numbers a broken-quotes failure names; the error report lists them all. */
const NAMED_BROKEN_ROWS = 20;

/**
 * Runs one import to the end: either every row is accounted for and the staged contacts are committed,
 * or the import fails with a clear reason, the staged contacts are discarded and the error report kept.
 */
export async function runImport(request: ImportRequest): Promise<ImportResult> {
  const fail = async (failure: ImportFailure, tally: ImportTally): Promise<ImportResult> => {
    await request.staging.discard();
    await request.errorReport.close();
    return { status: 'failed', failure, tally };
  };
  const validated = validateMapping(request.mapping, request.mappingContext);
  if (!validated.ok) return fail({ code: 'invalid-mapping', errors: validated.errors }, emptyTally());
  const importer = new RowImporter(validated.mapping, request.normalisation, request.alreadyInSegment);

  const brokenRows: number[] = [];
  try {
    for await (const records of request.source.records()) {
      const contacts: ImportedContact[] = [];
      const reported: ErrorReportRow[] = [];
      for (const record of records) {
        const result = importer.read(record);
        if (result.kind === 'imported') contacts.push(...result.contacts);
        else if (result.kind === 'reported') reported.push(result.row);
        if (record.kind === 'broken-quotes' && brokenRows.length < NAMED_BROKEN_ROWS) brokenRows.push(record.rowNumber);
      }
      if (contacts.length > 0) await request.staging.add(contacts);
      if (reported.length > 0) await request.errorReport.add(reported);
      request.onProgress?.(progressOf(importer.tally().rowsRead, request.source.bytesRead(), request.source.bytesTotal, false));
    }
  } catch (error) {
    if (error instanceof ImportFailedError) return fail(error.failure, importer.tally());
    // Not the file's fault (storage, a bug): nothing is kept, and the caller sees the error itself.
    await fail({ code: 'unreadable-file', detail: error instanceof Error ? error.message : String(error) }, importer.tally());
    throw error;
  }

  const tally = importer.tally();
  if (!isBalanced(tally)) {
    // A bug, never the file: keep nothing rather than a segment whose counts do not add up.
    await fail({ code: 'unreadable-file', detail: 'row accounting does not balance' }, tally);
    throw new Error(`import accounting broken: ${JSON.stringify(tally)}`);
  }
  if (tally.rowsRead === 0) return fail({ code: 'empty-file' }, tally);
  if (tally.brokenQuoteRows > 0 && (request.brokenQuotes ?? 'fail') === 'fail') {
    return fail({ code: 'broken-quotes', rowNumbers: brokenRows, count: tally.brokenQuoteRows }, tally);
  }
  await request.errorReport.close();
  await request.staging.commit(tally);
  request.onProgress?.(progressOf(tally.rowsRead, request.source.bytesRead(), request.source.bytesTotal, true));
  return { status: 'completed', tally };
}
