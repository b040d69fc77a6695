import { Writable } from 'node:stream';
import type { Pool } from 'pg';

/**
 * Where a job's error report goes as the import writes it: each piece of CSV is a row of
 * import_error_report_chunks, so a report of a million rejected rows never sits in memory.
 */
export function errorReportChunks(pool: Pool, jobId: string): Writable {
  let seq = 0;
  return new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      pool.query('INSERT INTO import_error_report_chunks (job_id, seq, bytes) VALUES ($1, $2, $3)', [jobId, seq++, bytes]).then(
        () => done(),
        (error: unknown) => done(error instanceof Error ? error : new Error(String(error))),
      );
    },
  });
}

/** The whole report, for the download (a CSV the user opens in Excel). */
export async function readErrorReport(pool: Pool, jobId: string): Promise<Buffer> {
  const { rows } = await pool.query<{ bytes: Buffer }>('SELECT bytes FROM import_error_report_chunks WHERE job_id = $1 ORDER BY seq', [jobId]);
  return Buffer.concat(rows.map((row) => row.bytes));
}
