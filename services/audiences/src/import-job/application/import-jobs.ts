import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { IllegalStateError, type FieldViolation } from '@zvonar/eventsourcing';
import { withTransaction } from '@zvonar/messaging-postgres';
import { CLOCK, ID_GENERATOR, InFlightWork, LOGGER, SERVICE_CONFIG, type Clock, type IdGenerator } from '@zvonar/platform';
import type { Logger } from 'pino';
import { DESCRIBE_NUMBER, OUTBOX_WRITTEN, SEGMENT_STORE } from '../../audiences.di-tokens';
import type { AudiencesConfig } from '../../config/audiences.config';
import type { ErrorReportSink } from '../../import/application/import-ports';
import { previewImport } from '../../import/application/preview-import';
import { runImport } from '../../import/application/run-import';
import { validateMapping, type ColumnTarget } from '../../import/domain/column-mapping';
import { isDelimiter, type Delimiter } from '../../import/domain/delimiter';
import type { ErrorReportRow } from '../../import/domain/error-report';
import { ImportFailedError, type ImportFailure, type TextEncoding } from '../../import/domain/import-failure';
import type { ImportProgress } from '../../import/domain/import-tally';
import type { ImportPreview } from '../../import/domain/preview';
import { CsvErrorReportWriter } from '../../import/infrastructure/error-report.csv-writer';
import { openImport, type OpenedImport } from '../../import/infrastructure/import-file';
import { Blacklists } from '../../segment/application/blacklists';
import { countryOf } from '../../segment/application/country';
import type { Locale } from '../../segment/application/locale';
import { invalid, notFound, required, texts, tooLarge } from '../../segment/application/texts';
import type { DescribeNumber } from '../../segment/domain/new-contact';
import type { Segment } from '../../segment/domain/segment';
import type { PostgresSegmentStore } from '../../segment/infrastructure/postgres.segment-store';
import { PostgresContactStaging } from '../infrastructure/postgres.contact-staging';
import { errorReportChunks, readErrorReport } from '../infrastructure/postgres.error-report';
import { jobLock, type PostgresImportJobs } from '../infrastructure/postgres.import-jobs';
import type { PostgresUploads, Upload } from '../infrastructure/postgres.uploads';
import type { ImportCounts, ImportJob } from './import-job';
import { mappingViolation } from './import-texts';

export const UPLOADS = Symbol('UPLOADS');
export const IMPORT_JOBS = Symbol('IMPORT_JOBS');

/** Rows the preview (and the column count a mapping is checked against) reads. */
const PREVIEW_ROWS = 20;
/** The cabinet polls; writing progress more often than this only loads the database. */
const PROGRESS_EVERY_MS = 250;

export type FileFormat = { readonly encoding?: TextEncoding | undefined; readonly delimiter: string };

export type StartImportInput = FileFormat & {
  readonly uploadId: string;
  readonly segmentId: string;
  readonly hasHeader: boolean;
  /** null: the request left the column's target unspecified. */
  readonly columns: ReadonlyArray<ColumnTarget | null>;
  readonly customFieldKeys: readonly string[];
  readonly options: {
    readonly defaultCountry: string;
    readonly splitMultiplePhones: boolean;
    readonly idnEmails: boolean;
    readonly unicodeToAscii: boolean;
    readonly stripSubaddress: boolean;
    readonly removeDuplicates: boolean;
  };
  readonly rejectBrokenRows: boolean;
};

export type PreviewResult = ImportPreview & { readonly fileKind: OpenedImport['kind']; readonly encoding: TextEncoding | null; readonly delimiter: Delimiter | null };

/** Counts what the error report receives, so live progress balances: imported = read - rejected - duplicates. */
class CountingErrorReport implements ErrorReportSink {
  rejected = 0;
  duplicates = 0;

  constructor(private readonly inner: ErrorReportSink) {}

  add(rows: readonly ErrorReportRow[]): Promise<void> {
    for (const row of rows) {
      if (row.reasons.some((reason) => reason.reason === 'duplicate')) this.duplicates += 1;
      else this.rejected += 1;
    }
    return this.inner.add(rows);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

/**
 * Imports: the upload (whole or in chunks, under the size limit), its preview with the detected
 * format, and jobs that fill a segment in the background with live progress. A job either commits
 * every contact it read together with its counts, or fails leaving the segment as it was.
 */
@Injectable()
export class ImportJobs implements OnApplicationBootstrap {
  constructor(
    @Inject(UPLOADS) private readonly uploads: PostgresUploads,
    @Inject(IMPORT_JOBS) private readonly jobs: PostgresImportJobs,
    @Inject(SEGMENT_STORE) private readonly segments: PostgresSegmentStore,
    @Inject(DESCRIBE_NUMBER) private readonly describe: DescribeNumber,
    @Inject(SERVICE_CONFIG) private readonly config: AudiencesConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(OUTBOX_WRITTEN) private readonly outboxWritten: () => void,
    private readonly blacklists: Blacklists,
    private readonly inFlight: InFlightWork,
  ) {}

  get limitBytes(): number {
    return this.config.AUDIENCES_IMPORT_LIMIT_BYTES;
  }

  get defaultCountry(): string {
    return this.config.AUDIENCES_DEFAULT_COUNTRY;
  }

  /** A job that was running when a process stopped can never finish: its transaction went with the process. */
  async onApplicationBootstrap(): Promise<void> {
    const at = this.clock.now();
    for (const segmentId of await this.jobs.failInterrupted(at)) await this.segments.update(this.segments.pool, segmentId, { status: 'import-failed' }, at);
  }

  async upload(input: { projectId: string; fileName: string; content: Uint8Array; uploadId: string }, locale: Locale): Promise<Upload> {
    const limit = this.config.AUDIENCES_IMPORT_LIMIT_BYTES;
    const violations: FieldViolation[] = [];
    if (input.uploadId === '' && input.projectId.trim() === '') violations.push(required('projectId', locale));
    if (input.content.length > limit) violations.push({ field: 'content', code: 'FILE_TOO_LARGE', message: tooLarge(limit, locale) });
    if (violations.length > 0) throw invalid(violations, locale, violations.some((v) => v.code === 'FILE_TOO_LARGE') ? tooLarge(limit, locale) : undefined);
    let uploadId = input.uploadId;
    if (uploadId === '') {
      uploadId = this.ids.next();
      await this.uploads.create({ uploadId, projectId: input.projectId, fileName: input.fileName.trim() || 'import.csv', at: this.clock.now() });
    } else if (!(await this.uploads.get(uploadId))) throw notFound('upload', uploadId, locale);
    if (input.content.length > 0 && (await this.uploads.append(uploadId, input.content, limit)) === null)
      throw invalid([{ field: 'content', code: 'FILE_TOO_LARGE', message: tooLarge(limit, locale) }], locale, tooLarge(limit, locale));
    const upload = await this.uploads.get(uploadId);
    if (!upload) throw notFound('upload', uploadId, locale);
    return upload;
  }

  private checkedDelimiter(delimiter: string, locale: Locale): Delimiter | undefined {
    if (delimiter === '') return undefined;
    if (isDelimiter(delimiter)) return delimiter;
    throw invalid([{ field: 'delimiter', code: 'UNKNOWN_DELIMITER', message: texts.delimiter[locale] }], locale);
  }

  private open(upload: Upload, format: { encoding?: TextEncoding | undefined; delimiter?: Delimiter | undefined }): Promise<OpenedImport> {
    return openImport(this.uploads.bytes(upload.uploadId), {
      limitBytes: this.config.AUDIENCES_IMPORT_LIMIT_BYTES,
      bytesTotal: upload.sizeBytes,
      ...(format.encoding ? { encoding: format.encoding } : {}),
      ...(format.delimiter ? { delimiter: format.delimiter } : {}),
    });
  }

  async preview(input: FileFormat & { uploadId: string; rows: number }, locale: Locale): Promise<PreviewResult> {
    const delimiter = this.checkedDelimiter(input.delimiter, locale);
    const upload = await this.uploads.get(input.uploadId);
    if (!upload) throw notFound('upload', input.uploadId, locale);
    const opened = await this.open(upload, { encoding: input.encoding, delimiter });
    try {
      const preview = await previewImport(opened.source, Math.min(Math.max(input.rows || PREVIEW_ROWS, 1), 100));
      const format = opened.kind === 'csv' ? opened.source.format() : null;
      return { ...preview, fileKind: opened.kind, encoding: format?.encoding ?? null, delimiter: format?.delimiter.delimiter ?? null };
    } catch (error) {
      if (error instanceof ImportFailedError) throw invalid([{ field: 'uploadId', code: error.failure.code.toUpperCase().replace(/-/g, '_'), message: error.message }], locale, error.message);
      throw error;
    }
  }

  async start(input: StartImportInput, locale: Locale): Promise<ImportJob> {
    const violations: FieldViolation[] = [];
    if (input.uploadId === '') violations.push(required('uploadId', locale));
    if (input.segmentId === '') violations.push(required('segmentId', locale));
    input.columns.forEach((target, column) => {
      if (target === null) violations.push({ ...required(`mapping[${column}].kind`, locale) });
      else if (target.kind === 'custom' && target.fieldKey.trim() === '') violations.push(required(`mapping[${column}].customFieldKey`, locale));
    });
    const country = countryOf(input.options.defaultCountry, this.config.AUDIENCES_DEFAULT_COUNTRY, 'options.defaultCountry', locale);
    if ('violation' in country) violations.push(country.violation);
    if (violations.length > 0 || 'violation' in country) throw invalid(violations, locale);
    const delimiter = this.checkedDelimiter(input.delimiter, locale);
    const upload = await this.uploads.get(input.uploadId);
    if (!upload) throw notFound('upload', input.uploadId, locale);
    const segment = await this.segments.get(input.segmentId);
    if (!segment || segment.projectId !== upload.projectId) throw notFound('segment', input.segmentId, locale);

    const mapping = { hasHeader: input.hasHeader, columns: input.columns.map((target) => target ?? { kind: 'ignore' as const }) };
    const mappingContext = { customFieldKeys: input.customFieldKeys, columnCount: await this.columnCount(upload, input.encoding, delimiter, mapping.columns.length) };
    const validated = validateMapping(mapping, mappingContext);
    if (!validated.ok) throw invalid(validated.errors.map((error) => mappingViolation(error, locale)), locale);

    const jobId = this.ids.next();
    const at = this.clock.now();
    const options = {
      defaultCountry: country.country,
      splitMultiplePhones: input.options.splitMultiplePhones,
      email: { idnToAscii: input.options.idnEmails, unicodeToAscii: input.options.unicodeToAscii, removeSubaddress: input.options.stripSubaddress },
      removeDuplicates: input.options.removeDuplicates,
    };
    await withTransaction(this.segments.pool, async (tx) => {
      const locked = await this.segments.lock(tx, segment.segmentId);
      if (!locked) throw notFound('segment', segment.segmentId, locale);
      if (locked.status === 'importing') throw new IllegalStateError(texts.segmentBusy[locale], locked.status);
      await this.jobs.create(tx, { jobId, segmentId: segment.segmentId, uploadId: upload.uploadId, mapping, options: { ...options, encoding: input.encoding ?? null, delimiter: delimiter ?? null, rejectBrokenRows: input.rejectBrokenRows }, at });
      await this.segments.update(tx, segment.segmentId, { status: 'importing', lastImportJobId: jobId }, at);
    });
    const end = this.inFlight.begin();
    void this.run({ jobId, segment, upload, mapping, mappingContext, options, encoding: input.encoding, delimiter, rejectBrokenRows: input.rejectBrokenRows })
      .catch((error: unknown) => this.logger.error({ err: error, jobId }, 'import job crashed'))
      .finally(end);
    const job = await this.jobs.get(jobId);
    if (!job) throw notFound('job', jobId, locale);
    return job;
  }

  /** Columns of the file's first rows (what the mapping may point at); the mapping's own length when the file cannot be read, so the job reports why. */
  private async columnCount(upload: Upload, encoding: TextEncoding | undefined, delimiter: Delimiter | undefined, fallback: number): Promise<number> {
    try {
      const opened = await this.open(upload, { encoding, delimiter });
      return (await previewImport(opened.source, PREVIEW_ROWS)).columnCount;
    } catch (error) {
      if (error instanceof ImportFailedError) return fallback;
      throw error;
    }
  }

  private async run(job: {
    jobId: string;
    segment: Segment;
    upload: Upload;
    mapping: Parameters<typeof validateMapping>[0];
    mappingContext: Parameters<typeof validateMapping>[1];
    options: Parameters<typeof runImport>[0]['normalisation'];
    encoding: TextEncoding | undefined;
    delimiter: Delimiter | undefined;
    rejectBrokenRows: boolean;
  }): Promise<void> {
    const { jobId, segment } = job;
    const pool = this.segments.pool;
    const errorReport = new CountingErrorReport(new CsvErrorReportWriter(errorReportChunks(pool, jobId)));
    const staging = new PostgresContactStaging(pool, this.segments, segment.segmentId, this.describe, async (tx, tally) => {
      const at = this.clock.now();
      await this.segments.refreshCounts(tx, segment.segmentId, at);
      if (segment.kind === 'blacklist') await this.blacklists.announceSegment(tx, segment.segmentId, segment.projectId);
      await this.jobs.complete(tx, jobId, tally, at);
      await this.segments.update(tx, segment.segmentId, { status: 'ready' }, at);
    });
    let progressWrites = Promise.resolve();
    let lastWrite = 0;
    const onProgress = (progress: ImportProgress) => {
      const now = Date.now();
      if (now - lastWrite < PROGRESS_EVERY_MS) return;
      lastWrite = now;
      const counts: ImportCounts = {
        rowsRead: progress.rowsDone,
        rowsRejected: errorReport.rejected,
        rowsDuplicate: errorReport.duplicates,
        rowsImported: progress.rowsDone - errorReport.rejected - errorReport.duplicates,
        rowsTotal: progress.rowsTotal ?? progress.rowsDone,
        rowsTotalIsEstimate: progress.rowsTotalIsEstimate,
      };
      progressWrites = progressWrites.then(() => this.jobs.progress(jobId, counts)).catch((error: unknown) => this.logger.warn({ err: error, jobId }, 'import progress not recorded'));
    };
    const failed = async (failure: NonNullable<ImportJob['failure']>, tally: Parameters<PostgresImportJobs['fail']>[3]) => {
      await progressWrites;
      const at = this.clock.now();
      await withTransaction(pool, async (tx) => {
        await this.jobs.fail(tx, jobId, failure, tally, at);
        await this.segments.update(tx, segment.segmentId, { status: 'import-failed' }, at);
      });
    };
    try {
      await staging.begin(jobLock(jobId));
      // The segment's own contacts count as seen, so "remove duplicates" holds across imports too.
      const alreadyInSegment = job.options.removeDuplicates && segment.counts.total > 0 ? await this.segments.contactKeys(segment.segmentId) : [];
      const opened = await this.open(job.upload, { encoding: job.encoding, delimiter: job.delimiter });
      const result = await runImport({
        alreadyInSegment,
        source: opened.source,
        mapping: job.mapping,
        mappingContext: job.mappingContext,
        normalisation: job.options,
        brokenQuotes: job.rejectBrokenRows ? 'reject-row' : 'fail',
        staging,
        errorReport,
        onProgress,
      });
      await progressWrites;
      if (result.status === 'failed') await failed(result.failure, result.tally);
      else if (segment.kind === 'blacklist') this.outboxWritten();
    } catch (error) {
      await staging.discard();
      const failure: ImportFailure | { code: 'internal' } = error instanceof ImportFailedError ? error.failure : { code: 'internal' };
      await failed(failure, null);
      if (!(error instanceof ImportFailedError)) throw error;
    }
  }

  async get(jobId: string, locale: Locale): Promise<ImportJob> {
    const job = await this.jobs.get(jobId);
    if (!job) throw notFound('job', jobId, locale);
    return job;
  }

  async errorReport(jobId: string, locale: Locale): Promise<{ csv: Buffer; rows: number }> {
    const job = await this.get(jobId, locale);
    if (job.state === 'running') throw new IllegalStateError(locale === 'en' ? 'The import is still running' : 'Импорт ещё идёт', job.state);
    const csv = await readErrorReport(this.segments.pool, jobId);
    return { csv, rows: job.rowsRejected + job.rowsDuplicate };
  }
}
