import type { Pool, PoolClient } from 'pg';
import type { ImportTally } from '../../import/domain/import-tally';
import type { ImportCounts, ImportJob } from '../application/import-job';

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

/** The advisory lock a running job holds for as long as its transaction is open. */
export const jobLock = (jobId: string): string => `import-job:${jobId}`;

/** Import jobs and their live counts. */
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

  /** Live progress; a late update never overwrites a finished job. */
  async progress(jobId: string, counts: ImportCounts): Promise<void> {
    await this.pool.query(
      `UPDATE import_jobs SET rows_read = $2, rows_imported = $3, rows_rejected = $4, rows_duplicate = $5, rows_total = $6, rows_total_is_estimate = $7
        WHERE job_id = $1 AND state = 'running'`,
      [jobId, counts.rowsRead, counts.rowsImported, counts.rowsRejected, counts.rowsDuplicate, counts.rowsTotal, counts.rowsTotalIsEstimate],
    );
  }

  async complete(db: Queryable, jobId: string, tally: ImportTally, at: Date): Promise<void> {
    await db.query(
      `UPDATE import_jobs SET state = 'completed', rows_read = $2, rows_imported = $3, rows_rejected = $4, rows_duplicate = $5,
              contacts_created = $6, rows_total = $2, rows_total_is_estimate = false, finished_at = $7
        WHERE job_id = $1`,
      [jobId, tally.rowsRead, tally.imported, tally.rejected, tally.duplicates, tally.contacts, at],
    );
  }

  /** Nothing of a failed job is kept but its counts of what was read, and its error report. */
  async fail(db: Queryable, jobId: string, failure: NonNullable<ImportJob['failure']>, tally: ImportTally | null, at: Date): Promise<void> {
    await db.query(
      `UPDATE import_jobs SET state = 'failed', failure_code = $2, failure_message = $3, finished_at = $4,
              rows_read = coalesce($5, rows_read), rows_imported = coalesce($6, rows_imported), rows_rejected = coalesce($7, rows_rejected),
              rows_duplicate = coalesce($8, rows_duplicate), contacts_created = 0, rows_total_is_estimate = false
        WHERE job_id = $1`,
      [jobId, failure.code, JSON.stringify(failure), at, tally?.rowsRead ?? null, tally?.imported ?? null, tally?.rejected ?? null, tally?.duplicates ?? null],
    );
  }

  /**
   * Jobs left running by a process that stopped: failed (their transaction was rolled back with the
   * process). A job another replica is still running holds its lock (`jobLock`) and is left alone.
   */
  async failInterrupted(at: Date): Promise<string[]> {
    const { rows } = await this.pool.query<{ job_id: string; segment_id: string }>(
      `UPDATE import_jobs SET state = 'failed', failure_code = 'interrupted', failure_message = '{"code":"interrupted"}', finished_at = $1
        WHERE state = 'running' AND pg_try_advisory_xact_lock(hashtextextended($2 || job_id, 0))
        RETURNING job_id, segment_id`,
      [at, jobLock('')],
    );
    return rows.map((row) => row.segment_id);
  }
}
