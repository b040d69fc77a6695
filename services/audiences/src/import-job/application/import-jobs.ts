import { setTimeout as delay } from 'node:timers/promises';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { IllegalStateError, type FieldViolation } from '@zvonar/eventsourcing';
import { withTransaction } from '@zvonar/messaging-postgres';
import { CLOCK, ID_GENERATOR, InFlightWork, LOGGER, SERVICE_CONFIG, type Clock, type IdGenerator } from '@zvonar/platform';
import type { Logger } from 'pino';
import { DESCRIBE_NUMBER, OUTBOX_WRITTEN, SEGMENT_STORE } from '../../audiences.di-tokens';
import type { AudiencesConfig } from '../../config/audiences.config';
import { previewImport } from '../../import/application/preview-import';
import { validateMapping, type ColumnTarget } from '../../import/domain/column-mapping';
import { isDelimiter, type Delimiter } from '../../import/domain/delimiter';
import { ImportFailedError, type TextEncoding } from '../../import/domain/import-failure';
import type { ImportPreview } from '../../import/domain/preview';
import { openImport, type OpenedImport } from '../../import/infrastructure/import-file';
import { Blacklists } from '../../segment/application/blacklists';
import { countryOf } from '../../segment/application/country';
import type { Locale } from '../../segment/application/locale';
import { invalid, notFound, required, texts, tooLarge } from '../../segment/application/texts';
import type { DescribeNumber } from '../../segment/domain/new-contact';
import type { PostgresSegmentStore } from '../../segment/infrastructure/postgres.segment-store';
import { readErrorReport } from '../infrastructure/postgres.error-report';
import type { PostgresImportJobs } from '../infrastructure/postgres.import-jobs';
import type { PostgresUploads, Upload } from '../infrastructure/postgres.uploads';
import type { ImportJob } from './import-job';
import { ImportJobRunner, ImportStoppedError, openImportJob, type StoredImportRequest } from './import-job-runner';
import { mappingViolation } from './import-texts';

export const UPLOADS = Symbol('UPLOADS');
export const IMPORT_JOBS = Symbol('IMPORT_JOBS');

/** Rows the preview (and the column count a mapping is checked against) reads. */
const PREVIEW_ROWS = 20;
/** The wait before a job that failed for a reason not its file's runs again (doubling with each run). */
const RETRY_AFTER_MS = 1_000;

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

/**
 * Imports: the upload (whole or in chunks, under the size limit), its preview with the detected
 * format, and jobs that fill a segment in the background with live progress. A job commits its
 * contacts batch by batch (see SegmentImport) and the segment shows them once it completes; a job
 * that stops (a crash, a restart, a failing database) resumes from its last batch, here or in
 * another replica; one that fails leaves the segment as it was.
 */
@Injectable()
export class ImportJobs implements OnApplicationBootstrap {
  private readonly runner: ImportJobRunner;

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
  ) {
    this.runner = new ImportJobRunner(
      { segments, jobs, uploads, blacklists, describe, clock, outboxWritten },
      { limitBytes: config.AUDIENCES_IMPORT_LIMIT_BYTES, batchRecords: config.AUDIENCES_IMPORT_BATCH_ROWS, batchMs: config.AUDIENCES_IMPORT_BATCH_MS },
    );
  }

  get limitBytes(): number {
    return this.config.AUDIENCES_IMPORT_LIMIT_BYTES;
  }

  get defaultCountry(): string {
    return this.config.AUDIENCES_DEFAULT_COUNTRY;
  }

  /** Jobs a stopped process left behind resume from their last batch (those another replica runs are left to it). */
  async onApplicationBootstrap(): Promise<void> {
    for (const jobId of await this.jobs.unfinished()) this.launch(jobId);
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
    const request: StoredImportRequest = {
      mappingContext,
      normalisation: {
        defaultCountry: country.country,
        splitMultiplePhones: input.options.splitMultiplePhones,
        email: { idnToAscii: input.options.idnEmails, unicodeToAscii: input.options.unicodeToAscii, removeSubaddress: input.options.stripSubaddress },
        removeDuplicates: input.options.removeDuplicates,
      },
      encoding: input.encoding ?? null,
      delimiter: delimiter ?? null,
      rejectBrokenRows: input.rejectBrokenRows,
    };
    await withTransaction(this.segments.pool, async (tx) => {
      const locked = await this.segments.lock(tx, segment.segmentId);
      if (!locked) throw notFound('segment', segment.segmentId, locale);
      if (locked.status === 'importing') throw new IllegalStateError(texts.segmentBusy[locale], locked.status);
      await openImportJob(tx, { jobs: this.jobs, segments: this.segments }, { jobId, segmentId: segment.segmentId, uploadId: upload.uploadId, mapping, request, at });
    });
    this.launch(jobId);
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

  /** Runs the job in the background, unless the service is stopping (the next start resumes it). */
  private launch(jobId: string): void {
    if (!this.inFlight.isAccepting) return;
    const end = this.inFlight.begin();
    void this.drive(jobId)
      .catch((error: unknown) => this.logger.error({ err: error, jobId }, 'import job crashed'))
      .finally(end);
  }

  /**
   * Runs the job under its lock until it completes or fails. A run that fails for a reason not the
   * file's (the database, a bug) leaves the job resumable; it runs again after a pause, from its
   * last batch, up to AUDIENCES_IMPORT_ATTEMPTS runs in all, and is then failed. A stopping service
   * leaves it for the next start, and that run does not count (a run lost with its process does).
   */
  private async drive(jobId: string): Promise<void> {
    const hold = await this.jobs.lock(jobId);
    if (!hold) return;
    const stopSignal = this.inFlight.stopSignal;
    try {
      for (;;) {
        const attempt = await this.jobs.beginAttempt(jobId);
        if (attempt > this.config.AUDIENCES_IMPORT_ATTEMPTS) {
          await this.runner.giveUp(jobId, { code: 'internal' });
          return;
        }
        try {
          await this.runner.run(jobId, { stopSignal });
          return;
        } catch (error) {
          if (error instanceof ImportStoppedError || stopSignal.aborted) {
            await this.jobs.forgetAttempt(jobId);
            return;
          }
          this.logger.warn({ err: error, jobId, attempt }, 'import job stopped; it resumes from its last batch');
          await delay(RETRY_AFTER_MS * 2 ** (attempt - 1), undefined, { signal: stopSignal }).catch(() => undefined);
          if (stopSignal.aborted) return;
        }
      }
    } finally {
      await hold.release();
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
