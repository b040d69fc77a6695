import type { Pool, PoolClient } from 'pg';

/**
 * A job's error report is stored as the import writes it: one piece of CSV per batch, in the
 * batch's transaction (seq 0 is the header, batch n is seq n), so a resumed job neither repeats
 * nor loses a line, and a report of a million rejected rows never sits in memory.
 */
export async function appendErrorReport(db: Pick<PoolClient, 'query'>, jobId: string, seq: number, csv: string): Promise<void> {
  await db.query('INSERT INTO import_error_report_chunks (job_id, seq, bytes) VALUES ($1, $2, $3)', [jobId, seq, Buffer.from(csv, 'utf8')]);
}

/** The whole report, for the download (a CSV the user opens in Excel). */
export async function readErrorReport(pool: Pool, jobId: string): Promise<Buffer> {
  const { rows } = await pool.query<{ bytes: Buffer }>('SELECT bytes FROM import_error_report_chunks WHERE job_id = $1 ORDER BY seq', [jobId]);
  return Buffer.concat(rows.map((row) => row.bytes));
}
