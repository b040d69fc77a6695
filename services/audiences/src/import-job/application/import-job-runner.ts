import type { PoolClient } from 'pg';
import type { NormalisationOptions } from '../../contact/domain';
import type { RecordSource } from '../../import/application/record-source';
import { runImport } from '../../import/application/run-import';
import type { ColumnMapping, MappingContext } from '../../import/domain/column-mapping';
import type { Delimiter } from '../../import/domain/delimiter';
import type { TextEncoding } from '../../import/domain/import-failure';
import { ERROR_REPORT_HEADER } from '../../import/infrastructure/error-report.csv-writer';
import { openImport } from '../../import/infrastructure/import-file';
import type { PostgresSegmentStore } from '../../segment/infrastructure/postgres.segment-store';
import { appendErrorReport } from '../infrastructure/postgres.error-report';
import type { PostgresImportJobs } from '../infrastructure/postgres.import-jobs';
import type { PostgresUploads } from '../infrastructure/postgres.uploads';
import { SegmentImport, type SegmentImportDeps } from './segment-import.sink';

/** What StartImport asked for, stored with the job so any process can run it again from its checkpoint. */
export type StoredImportRequest = {
  readonly mappingContext: MappingContext;
  readonly normalisation: NormalisationOptions;
  readonly encoding: TextEncoding | null;
  readonly delimiter: Delimiter | null;
  readonly rejectBrokenRows: boolean;
};

export type ImportJobSettings = {
  readonly limitBytes: number;
  readonly batchRecords: number;
  readonly batchMs: number;
};

/** The run stopped because the service is stopping; the job resumes from its last batch on the next start. */
export class ImportStoppedError extends Error {
  constructor(jobId: string) {
    super(`import job ${jobId} stopped with the service; it resumes from its last batch`);
    this.name = 'ImportStoppedError';
  }
}

export type ImportRunOptions = {
  /** Between batches: once aborted, the run stops before writing the next batch. */
  readonly stopSignal?: AbortSignal;
  /** Wraps the file's records (a test stops a run at an exact record with it). */
  readonly source?: (source: RecordSource) => RecordSource;
};

/**
 * A new job into a segment, in the caller's transaction (which holds the segment's lock): the job
 * with its whole request, its error report's header, and the segment marked importing by it.
 */
export async function openImportJob(
  tx: PoolClient,
  stores: { readonly jobs: PostgresImportJobs; readonly segments: PostgresSegmentStore },
  job: { readonly jobId: string; readonly segmentId: string; readonly uploadId: string; readonly mapping: ColumnMapping; readonly request: StoredImportRequest; readonly at: Date },
): Promise<void> {
  await stores.jobs.create(tx, { jobId: job.jobId, segmentId: job.segmentId, uploadId: job.uploadId, mapping: job.mapping, options: job.request, at: job.at });
  await appendErrorReport(tx, job.jobId, 0, ERROR_REPORT_HEADER);
  await stores.segments.update(tx, job.segmentId, { status: 'importing', lastImportJobId: job.jobId }, job.at);
}

const isStoredRequest = (options: unknown): options is StoredImportRequest =>
  typeof options === 'object' && options !== null && 'normalisation' in options && 'mappingContext' in options;

/**
 * Runs an import job from wherever it stands: from the start, or after the last batch a stopped run
 * wrote (the file is read again and the records already written are passed over); a failed job's
 * leftover contacts are removed. Errors that are not the file's fault are thrown with the job left
 * running, so a later run resumes it.
 */
export class ImportJobRunner {
  constructor(
    private readonly deps: SegmentImportDeps & { readonly uploads: PostgresUploads },
    private readonly settings: ImportJobSettings,
  ) {}

  async run(jobId: string, options: ImportRunOptions = {}): Promise<'completed' | 'failed' | 'gone'> {
    const { jobs, segments, uploads } = this.deps;
    const stored = await jobs.stored(jobId);
    const segment = stored && (await segments.get(stored.job.segmentId));
    if (!stored || !segment) return 'gone';
    const request = isStoredRequest(stored.options) ? stored.options : null;
    const sink = new SegmentImport(this.deps, jobId, segment, request?.normalisation.removeDuplicates ?? false);
    if (stored.job.state === 'completed') return 'completed';
    if (stored.job.state === 'failed') {
      await sink.removeContacts();
      return 'failed';
    }
    const upload = await uploads.get(stored.job.uploadId);
    // A job written before imports could resume (its request was not stored whole), or its file gone.
    if (!request || !upload) {
      await sink.fail({ code: 'interrupted' }, null);
      return 'failed';
    }
    const { checkpoint } = stored;
    const deduplicate = request.normalisation.removeDuplicates;
    // Before the job's own contacts (hidden while it runs), what the segment held counts as seen.
    const alreadyInSegment = deduplicate && segment.counts.total > 0 ? await segments.contactKeys(segment.segmentId) : [];
    const importedKeys = deduplicate && checkpoint.batches > 0 ? await segments.importedKeys(segment.segmentId, jobId) : [];
    const opened = await openImport(uploads.bytes(upload.uploadId), {
      limitBytes: this.settings.limitBytes,
      bytesTotal: upload.sizeBytes,
      ...(request.encoding ? { encoding: request.encoding } : {}),
      ...(request.delimiter ? { delimiter: request.delimiter } : {}),
    });
    const stopSignal = options.stopSignal;
    const result = await runImport({
      source: options.source ? options.source(opened.source) : opened.source,
      mapping: stored.mapping as ColumnMapping,
      mappingContext: request.mappingContext,
      normalisation: request.normalisation,
      alreadyInSegment,
      brokenQuotes: request.rejectBrokenRows ? 'reject-row' : 'fail',
      batchRecords: this.settings.batchRecords,
      batchMs: this.settings.batchMs,
      ...(checkpoint.batches > 0 ? { resume: { checkpoint, importedKeys } } : {}),
      sink: {
        write: async (batch) => {
          if (stopSignal?.aborted) throw new ImportStoppedError(jobId);
          await sink.write(batch);
        },
        complete: (tally) => sink.complete(tally),
        fail: (failure, tally) => sink.fail(failure, tally),
      },
    });
    return result.status;
  }

  /** Gives up on a job that keeps failing for reasons not its file's: failed, its contacts removed. */
  async giveUp(jobId: string, failure: { code: 'internal' } | { code: 'interrupted' }): Promise<void> {
    const stored = await this.deps.jobs.stored(jobId);
    const segment = stored && (await this.deps.segments.get(stored.job.segmentId));
    if (!stored || !segment) return;
    await new SegmentImport(this.deps, jobId, segment, false).fail(failure, null);
  }
}
