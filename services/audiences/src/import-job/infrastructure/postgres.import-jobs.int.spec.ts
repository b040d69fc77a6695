import { createPool, runMigrations } from '@zvonar/platform';
import { createTestDatabase, describeWithPostgres } from '@zvonar/testing';
import type { Pool } from 'pg';
import { withTransaction } from '@zvonar/messaging-postgres';
import { emptyTally } from '../../import/domain/import-tally';
import { audiencesMigrations } from '../../segment/infrastructure/audiences.migrations';
import { ImportJobMovedError, PostgresImportJobs } from './postgres.import-jobs';

describeWithPostgres('PostgresImportJobs', (serverUrl) => {
  let database: { url: string; drop(): Promise<void> };
  let pool: Pool;
  let jobs: PostgresImportJobs;
  const at = new Date('2026-11-21T10:00:00Z');

  beforeAll(async () => {
    database = await createTestDatabase(serverUrl, 'audiences_jobs');
    pool = createPool(database.url, { schema: 'audiences', max: 6 });
    await runMigrations(pool, 'audiences', audiencesMigrations);
    jobs = new PostgresImportJobs(pool);
    await pool.query(`INSERT INTO import_uploads (upload_id, project_id, file_name, created_at) VALUES ('u', 'p', 'a.csv', $1)`, [at]);
  });

  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  const segment = async (segmentId: string, status: string, lastImportJobId: string | null) =>
    pool.query(
      `INSERT INTO segments (segment_id, project_id, name, kind, status, last_import_job_id, created_at, changed_at) VALUES ($1, 'p', $1, 'audience', $2, $3, $4, $4)`,
      [segmentId, status, lastImportJobId, at],
    );

  it('lists the jobs a runner must pick up: running ones, and failed ones whose contacts are not removed yet', async () => {
    for (const jobId of ['running', 'failed-cleaning', 'failed-clean', 'done']) {
      await jobs.create(pool, { jobId, segmentId: `segment-${jobId}`, uploadId: 'u', mapping: {}, options: {}, at });
      await segment(`segment-${jobId}`, jobId === 'failed-cleaning' || jobId === 'running' ? 'importing' : jobId === 'done' ? 'ready' : 'import-failed', jobId);
    }
    await jobs.complete(pool, 'done', { ...emptyTally(), rowsRead: 1, imported: 1, contacts: 1 }, at);
    await jobs.fail(pool, 'failed-cleaning', { code: 'empty-file' }, null, at);
    await jobs.fail(pool, 'failed-clean', { code: 'empty-file' }, null, at);

    expect((await jobs.unfinished()).sort()).toEqual(['failed-cleaning', 'running']);
  });

  it('lets one runner at a time hold a job, and frees it when that runner lets go', async () => {
    const first = await jobs.lock('running');
    expect(first).not.toBeNull();
    expect(await jobs.lock('running')).toBeNull();
    await first?.release();
    const second = await jobs.lock('running');
    expect(second).not.toBeNull();
    await second?.release();
  });

  it('writes a batch only after the one before it, so no batch is written twice', async () => {
    await jobs.create(pool, { jobId: 'batched', segmentId: 'segment-batched', uploadId: 'u', mapping: {}, options: {}, at });
    const tally = { ...emptyTally(), rowsRead: 2, imported: 1, rejected: 1, contacts: 1 };
    const progress = { rowsDone: 2, rowsTotal: 10, rowsTotalIsEstimate: true, bytesDone: 20, bytesTotal: 100 };
    await withTransaction(pool, (tx) => jobs.recordBatch(tx, 'batched', { batches: 1, records: 2, tally }, progress));

    await expect(withTransaction(pool, (tx) => jobs.recordBatch(tx, 'batched', { batches: 1, records: 2, tally }, progress))).rejects.toBeInstanceOf(ImportJobMovedError);
    await expect(withTransaction(pool, (tx) => jobs.recordBatch(tx, 'batched', { batches: 3, records: 6, tally }, progress))).rejects.toBeInstanceOf(ImportJobMovedError);
    expect((await jobs.stored('batched'))?.checkpoint).toEqual({ batches: 1, records: 2, tally });
  });

  it('refuses counts that do not add up, at every batch', async () => {
    await jobs.create(pool, { jobId: 'unbalanced', segmentId: 'segment-unbalanced', uploadId: 'u', mapping: {}, options: {}, at });
    const tally = { ...emptyTally(), rowsRead: 3, imported: 1, rejected: 1, contacts: 1 };
    const progress = { rowsDone: 3, rowsTotal: 3, rowsTotalIsEstimate: true, bytesDone: 1, bytesTotal: 1 };
    await expect(withTransaction(pool, (tx) => jobs.recordBatch(tx, 'unbalanced', { batches: 1, records: 3, tally }, progress))).rejects.toThrow(/balanced_at_every_batch/);
  });
});
