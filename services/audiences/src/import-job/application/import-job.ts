import type { ImportFailure } from '../../import/domain/import-failure';

export type ImportJobState = 'running' | 'completed' | 'failed';

/** An import filling a segment, as the cabinet polls it: imported + rejected + duplicates === rowsRead at every moment. */
export type ImportJob = {
  readonly jobId: string;
  readonly segmentId: string;
  readonly uploadId: string;
  readonly state: ImportJobState;
  readonly rowsRead: number;
  readonly rowsImported: number;
  readonly rowsRejected: number;
  readonly rowsDuplicate: number;
  readonly contactsCreated: number;
  readonly rowsTotal: number;
  readonly rowsTotalIsEstimate: boolean;
  readonly failure: ImportFailure | { readonly code: 'interrupted' } | { readonly code: 'internal' } | null;
  readonly startedAt: Date;
  readonly finishedAt: Date | null;
};
