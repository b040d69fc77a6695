import { createPool, runMigrations } from '@zvonar/platform';
import { createTestDatabase, describeWithPostgres } from '@zvonar/testing';
import type { Pool } from 'pg';
import { audiencesMigrations } from '../../segment/infrastructure/audiences.migrations';
import { jobLock, PostgresImportJobs } from './postgres.import-jobs';

describeWithPostgres('PostgresImportJobs.failInterrupted', (serverUrl) => {
  let database: { url: string; drop(): Promise<void> };
  let pool: Pool;

  beforeAll(async () => {
    database = await createTestDatabase(serverUrl, 'audiences_jobs');
    pool = createPool(database.url, { schema: 'audiences', max: 4 });
    await runMigrations(pool, 'audiences', audiencesMigrations);
  });

  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  it('fails the running jobs no process holds, and leaves the one another replica is still running', async () => {
    const jobs = new PostgresImportJobs(pool);
    const at = new Date('2026-11-21T10:00:00Z');
    await pool.query(`INSERT INTO import_uploads (upload_id, project_id, file_name, created_at) VALUES ('u', 'p', 'a.csv', $1)`, [at]);
    for (const jobId of ['orphan', 'alive', 'done']) await jobs.create(pool, { jobId, segmentId: `segment-${jobId}`, uploadId: 'u', mapping: {}, options: {}, at });
    await jobs.complete(pool, 'done', { rowsRead: 1, imported: 1, rejected: 0, duplicates: 0, contacts: 1, emptyRows: 0, headerRows: 0, brokenQuoteRows: 0 }, at);

    // Another replica's import: its transaction holds the job's lock.
    const replica = await pool.connect();
    try {
      await replica.query('BEGIN');
      await replica.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [jobLock('alive')]);
      expect(await jobs.failInterrupted(at)).toEqual(['segment-orphan']);
      expect((await jobs.get('orphan'))?.state).toBe('failed');
      expect((await jobs.get('orphan'))?.failure).toEqual({ code: 'interrupted' });
      expect((await jobs.get('alive'))?.state).toBe('running');
      expect((await jobs.get('done'))?.state).toBe('completed');
    } finally {
      await replica.query('ROLLBACK');
      replica.release();
    }
    // The replica is gone: now nobody runs it.
    expect(await jobs.failInterrupted(at)).toEqual(['segment-alive']);
  });
});
