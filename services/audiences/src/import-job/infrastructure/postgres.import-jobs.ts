import type { Pool, PoolClient } from 'pg';
import type { ImportCheckpoint } from '../../import/domain/import-checkpoint';
import type { ImportProgress, ImportTally } from '../../import/domain/import-tally';
import { trySessionLock, type SessionLockHold } from '../../segment/infrastructure/session-lock';
import type { ImportJob } from '../application/import-job';

type Queryable = Pick<Pool | PoolClient, 'query'>;

type JobRow = {
  job_id: string;
  segment_id: string;
  upload_id: string;
  state: ImportJob['state'];
  rows_read: string;
  rows_imported: string;
  rows_rejected: string;
  rows_duplicate: string;
  contacts_created: string;
  rows_total: string;
  rows_total_is_estimate: boolean;
  failure_code: string | null;
  failure_message: string | null;
  started_at: Date;
  finished_at: Date | null;
  mapping: unknown;
  options: unknown;
  batches_done: number;
  records_done: string;
  empty_rows: string;
  header_rows: string;
  broken_quote_rows: string;
  attempts: number;
};

const toJob = (row: JobRow): ImportJob => ({
  jobId: row.job_id,
  segmentId: row.segment_id,
  uploadId: row.upload_id,
  state: row.state,
  rowsRead: Number(row.rows_read),
  rowsImported: Number(row.rows_imported),
  rowsRejected: Number(row.rows_rejected),
  rowsDuplicate: Number(row.rows_duplicate),
  contactsCreated: Number(row.contacts_created),
  rowsTotal: Number(row.rows_total),
  rowsTotalIsEstimate: row.rows_total_is_estimate,
  // failure_message holds the failure as JSON: the message is worded at read time in the caller's language.
  failure: row.failure_message === null ? null : (JSON.parse(row.failure_message) as ImportJob['failure']),
  startedAt: row.started_at,
  finishedAt: row.finished_at,
});

const checkpointOf = (row: JobRow): ImportCheckpoint => ({
  batches: row.batches_done,
  records: Number(row.records_done),
  tally: {
    rowsRead: Number(row.rows_read),
    imported: Number(row.rows_imported),
    rejected: Number(row.rows_rejected),
    duplicates: Number(row.rows_duplicate),
    contacts: Number(row.contacts_created),
    emptyRows: Number(row.empty_rows),
    headerRows: Number(row.header_rows),
    brokenQuoteRows: Number(row.broken_quote_rows),
  },
});

/** What a job needs to run, or to run again after a stop: its stored request and where it stands. */
export type StoredImportJob = {
  readonly job: ImportJob;
  readonly mapping: unknown;
  readonly options: unknown;
  readonly checkpoint: ImportCheckpoint;
  readonly attempts: number;
};

/** The advisory lock a job's runner holds on its own connection for as long as it runs the job. */
export const jobLock = (jobId: string): string => `import-job:${jobId}`;

/** Another runner moved the job on (or it was failed) since this one read its checkpoint: this runner stops. */
export class ImportJobMovedError extends Error {
  constructor(jobId: string, batch: number) {
    super(`import job ${jobId} is no longer at batch ${batch - 1}: another runner moved it on or it ended`);
    this.name = 'ImportJobMovedError';
  }
}

/** A held job lock: released (or lost with its connection) when the runner stops. */
export type JobLockHold = SessionLockHold;

/** Import jobs: their request, checkpoint and live counts. */
export class PostgresImportJobs {
  constructor(private readonly pool: Pool) {}

  async create(db: Queryable, job: { jobId: string; segmentId: string; uploadId: string; mapping: unknown; options: unknown; at: Date }): Promise<void> {
    await db.query(
      `INSERT INTO import_jobs (job_id, segment_id, upload_id, state, mapping, options, started_at) VALUES ($1, $2, $3, 'running', $4, $5, $6)`,
      [job.jobId, job.segmentId, job.uploadId, JSON.stringify(job.mapping), JSON.stringify(job.options), job.at],
    );
  }

  async get(jobId: string): Promise<ImportJob | null> {
    const { rows } = await this.pool.query<JobRow>('SELECT * FROM import_jobs WHERE job_id = $1', [jobId]);
    return rows[0] ? toJob(rows[0]) : null;
  }

  async stored(jobId: string): Promise<StoredImportJob | null> {
    const { rows } = await this.pool.query<JobRow>('SELECT * FROM import_jobs WHERE job_id = $1', [jobId]);
    const row = rows[0];
    return row ? { job: toJob(row), mapping: row.mapping, options: row.options, checkpoint: checkpointOf(row), attempts: row.attempts } : null;
  }

  /** One more run of the job begins; returns how many runs it has had, this one included. */
  async beginAttempt(jobId: string): Promise<number> {
    const { rows } = await this.pool.query<{ attempts: number }>('UPDATE import_jobs SET attempts = attempts + 1 WHERE job_id = $1 RETURNING attempts', [jobId]);
    return rows[0]?.attempts ?? 0;
  }

  /** A run the service stopped on purpose (a deploy): it does not count against the job's runs. */
  async forgetAttempt(jobId: string): Promise<void> {
    await this.pool.query('UPDATE import_jobs SET attempts = attempts - 1 WHERE job_id = $1 AND attempts > 0', [jobId]);
  }

  /**
   * The job's checkpoint and live counts after a batch, in the batch's transaction. Only from the
   * batch before it: a second runner (or a stale one) cannot write the same batch twice.
   */
  async recordBatch(tx: PoolClient, jobId: string, checkpoint: ImportCheckpoint, progress: ImportProgress): Promise<void> {
    const { tally } = checkpoint;
    const { rowCount } = await tx.query(
      `UPDATE import_jobs SET batches_done = $2, records_done = $3, rows_read = $4, rows_imported = $5, rows_rejected = $6, rows_duplicate = $7,
              contacts_created = $8, empty_rows = $9, header_rows = $10, broken_quote_rows = $11, rows_total = $12, rows_total_is_estimate = true
        WHERE job_id = $1 AND state = 'running' AND batches_done = $2 - 1`,
      [jobId, checkpoint.batches, checkpoint.records, tally.rowsRead, tally.imported, tally.rejected, tally.duplicates, tally.contacts, tally.emptyRows, tally.headerRows, tally.brokenQuoteRows, progress.rowsTotal ?? tally.rowsRead],
    );
    if (rowCount !== 1) throw new ImportJobMovedError(jobId, checkpoint.batches);
  }

  async complete(db: Queryable, jobId: string, tally: ImportTally, at: Date): Promise<void> {
    const { rowCount } = await db.query(
      `UPDATE import_jobs SET state = 'completed', rows_read = $2, rows_imported = $3, rows_rejected = $4, rows_duplicate = $5,
              contacts_created = $6, rows_total = $2, rows_total_is_estimate = false, finished_at = $7
        WHERE job_id = $1 AND state = 'running'`,
      [jobId, tally.rowsRead, tally.imported, tally.rejected, tally.duplicates, tally.contacts, at],
    );
    if (rowCount !== 1) throw new ImportJobMovedError(jobId, 0);
  }

  /** Nothing of a failed job is kept but its counts of what was read, and its error report. */
  async fail(db: Queryable, jobId: string, failure: NonNullable<ImportJob['failure']>, tally: ImportTally | null, at: Date): Promise<void> {
    await db.query(
      `UPDATE import_jobs SET state = 'failed', failure_code = $2, failure_message = $3, finished_at = $4,
              rows_read = coalesce($5, rows_read), rows_imported = coalesce($6, rows_imported), rows_rejected = coalesce($7, rows_rejected),
              rows_duplicate = coalesce($8, rows_duplicate), contacts_created = 0, rows_total_is_estimate = false
        WHERE job_id = $1 AND state = 'running'`,
      [jobId, failure.code, JSON.stringify(failure), at, tally?.rowsRead ?? null, tally?.imported ?? null, tally?.rejected ?? null, tally?.duplicates ?? null],
    );
  }

  /**
   * Jobs a runner must pick up: running ones (a process stopped, or a run gave up for now) and
   * failed ones whose contacts are not removed yet (their segment still says importing).
   */
  async unfinished(): Promise<string[]> {
    const { rows } = await this.pool.query<{ job_id: string }>(
      `SELECT j.job_id FROM import_jobs j
        WHERE j.state = 'running'
           OR (j.state = 'failed' AND EXISTS (SELECT 1 FROM segments s WHERE s.segment_id = j.segment_id AND s.status = 'importing' AND s.last_import_job_id = j.job_id))
        ORDER BY j.started_at`,
    );
    return rows.map((row) => row.job_id);
  }

  /**
   * Takes the job's lock on a connection of its own, held (outside any transaction, so no snapshot
   * is kept) while the job runs; null when another runner holds it. A runner that dies loses its
   * connection and with it the lock.
   */
  lock(jobId: string): Promise<JobLockHold | null> {
    return trySessionLock(this.pool, jobLock(jobId));
  }
}
