import type { SourceRecord } from '../domain/source-record';

/**
 * Where an import's records come from: a CSV/TXT or XLSX reader. Records arrive in batches in file
 * order; a file that cannot be read (too large, not text, not a workbook) throws `ImportFailedError`.
 */
export interface RecordSource {
  records(): AsyncIterable<readonly SourceRecord[]>;
  /** Bytes of the file consumed so far, for progress. */
  bytesRead(): number;
  readonly bytesTotal: number | null;
}
