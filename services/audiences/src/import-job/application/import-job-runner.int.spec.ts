import { withTransaction } from '@zvonar/messaging-postgres';
import { GENERATION_TIMEOUT_MS, offlineIntelligenceOverGeneratedData } from '@zvonar/phone-intelligence/src/testing';
import { createPool, runMigrations, SequentialIdGenerator, SystemClock } from '@zvonar/platform';
import { createTestDatabase, describeWithPostgres, eventually } from '@zvonar/testing';
import type { Pool } from 'pg';
import type { RecordSource } from '../../import/application/record-source';
import type { ColumnMapping } from '../../import/domain/column-mapping';
import { audienceRow } from '../../import/testing/generate-audience';
import { withStepAtRecord } from '../../import/testing/step-at-record';
import { Blacklists } from '../../segment/application/blacklists';
import { audiencesMigrations } from '../../segment/infrastructure/audiences.migrations';
import { PostgresSegmentStore } from '../../segment/infrastructure/postgres.segment-store';
import { readErrorReport } from '../infrastructure/postgres.error-report';
import { PostgresImportJobs } from '../infrastructure/postgres.import-jobs';
import { PostgresUploads } from '../infrastructure/postgres.uploads';
import { ImportJobRunner, openImportJob, type StoredImportRequest } from './import-job-runner';

const ROWS = 3_000;
const BATCH = 500;

/**
 * A messy file whose accounting crosses batches: a header, empty lines, numbers no one can call,
 * two numbers in one cell, repeats of rows ~600 rows (more than a batch) earlier, and one number
 * the segment already holds.
 */
function messyCsv(rows: number, extra: readonly string[] = []): Buffer {
  const lines = ['Телефон;E-mail;Имя'];
  for (let index = 0; index < rows; index += 1) {
    const [phone, email, name] = audienceRow(index);
    if (index % 97 === 5) lines.push('');
    if (index % 50 === 9) lines.push(`не звонить;;${name}`);
    else if (index % 40 === 7 && index >= 600) lines.push(`${audienceRow(index - 600)[0]};${email};повтор ${name}`);
    else if (index % 33 === 2) lines.push(`${phone}, ${audienceRow(index + 1_000_000)[0]};${email};${name}`);
    else lines.push(`${phone};${email};${name}`);
  }
  return Buffer.from([...lines, ...extra].join('\r\n'), 'utf8');
}

const MAPPING: ColumnMapping = { hasHeader: true, columns: [{ kind: 'phone' }, { kind: 'email' }, { kind: 'custom', fieldKey: 'name' }] };
const REQUEST: StoredImportRequest = {
  mappingContext: { customFieldKeys: ['name'], columnCount: 3 },
  normalisation: { defaultCountry: 'RU', splitMultiplePhones: true, email: { idnToAscii: true, unicodeToAscii: false, removeSubaddress: true }, removeDuplicates: true },
  encoding: null,
  delimiter: null,
  rejectBrokenRows: false,
};

class Crash extends Error {}

// Each test imports a few thousand rows, several times over, on shared machines.
jest.setTimeout(60_000);

describeWithPostgres('ImportJobRunner: batches, resumption, what readers see', (serverUrl) => {
  let database: { url: string; drop(): Promise<void> };
  let pool: Pool;
  let observer: Pool;
  let segments: PostgresSegmentStore;
  let jobs: PostgresImportJobs;
  let uploads: PostgresUploads;
  let deps: ConstructorParameters<typeof ImportJobRunner>[0];
  const ids = new SequentialIdGenerator('t');
  const clock = new SystemClock();

  beforeAll(async () => {
    const intelligence = offlineIntelligenceOverGeneratedData();
    database = await createTestDatabase(serverUrl, 'audiences_import_batches');
    pool = createPool(database.url, { schema: 'audiences', max: 6 });
    observer = createPool(database.url, { schema: 'audiences', max: 2 });
    await runMigrations(pool, 'audiences', audiencesMigrations);
    segments = new PostgresSegmentStore(pool);
    jobs = new PostgresImportJobs(pool);
    uploads = new PostgresUploads(pool);
    const blacklists = new Blacklists(segments, clock, ids, () => undefined);
    deps = { segments, jobs, uploads, blacklists, describe: (e164) => intelligence.describe(e164), clock, outboxWritten: () => undefined };
  }, GENERATION_TIMEOUT_MS);

  afterAll(async () => {
    await observer?.end();
    await pool?.end();
    await database?.drop();
  });

  const runner = (batchRecords: number) => new ImportJobRunner(deps, { limitBytes: 64 * 1024 * 1024, batchRecords, batchMs: 60_000 });

  /** A segment holding one number of the file already, and a job importing `file` into it. */
  async function aJob(file: Buffer, kind: 'audience' | 'blacklist' = 'audience', projectId = 'project'): Promise<{ jobId: string; segmentId: string }> {
    const at = clock.now();
    const segmentId = ids.next();
    const jobId = ids.next();
    const uploadId = ids.next();
    await segments.create(pool, { segmentId, projectId, name: segmentId, kind, status: 'ready', createdAt: at, changedAt: at });
    await segments.insertContacts(pool, segmentId, [
      { phone: '+79130000000', email: null, telegram: null, whatsapp: null, viber: null, customFields: {}, status: 'active', rowNumber: null, region: null, operator: null, timeZones: [], lineType: null },
    ], { deduplicated: true });
    await segments.refreshCounts(pool, segmentId, at);
    await uploads.create({ uploadId, projectId, fileName: 'a.csv', at });
    await uploads.append(uploadId, file, 64 * 1024 * 1024);
    await withTransaction(pool, (tx) => openImportJob(tx, { jobs, segments }, { jobId, segmentId, uploadId, mapping: MAPPING, request: REQUEST, at }));
    return { jobId, segmentId };
  }

  /** Everything a user or the dialer can tell about the import's outcome. */
  async function outcome(job: { jobId: string; segmentId: string }) {
    const { rows: contacts } = await pool.query(
      `SELECT phone, email, custom_fields, status, region, operator, time_zones, line_type, row_number, dedup_key FROM contacts WHERE segment_id = $1 ORDER BY position`,
      [job.segmentId],
    );
    const stored = await jobs.stored(job.jobId);
    const segment = await segments.get(job.segmentId);
    return {
      contacts,
      job: stored && { ...stored.job, jobId: undefined, segmentId: undefined, uploadId: undefined, startedAt: undefined, finishedAt: undefined },
      checkpoint: stored?.checkpoint.tally,
      errorReport: (await readErrorReport(pool, job.jobId)).toString('utf8'),
      segment: segment && { status: segment.status, counts: segment.counts },
    };
  }

  let reference: Awaited<ReturnType<typeof outcome>>;

  it('imports the file in one run as the reference: every row accounted for, duplicates across batches found', async () => {
    const job = await aJob(messyCsv(ROWS));
    expect(await runner(1_000_000).run(job.jobId)).toBe('completed');
    reference = await outcome(job);
    const counted = reference.job!;
    expect(counted.state).toBe('completed');
    expect(counted.rowsImported + counted.rowsRejected + counted.rowsDuplicate).toBe(counted.rowsRead);
    expect(counted.rowsRead).toBe(ROWS);
    // 15 repeats of rows 600 earlier (rows 607..1187; later repeats point at rows that were repeats themselves) and the number the segment held.
    expect(counted.rowsDuplicate).toBe(16);
    expect(counted.rowsRejected).toBe(60);
    expect(reference.errorReport).toContain('already in the segment (+79130000000)');
    expect(reference.segment).toEqual({ status: 'ready', counts: expect.objectContaining({ total: counted.contactsCreated + 1 }) });
  });

  it('gives the same segment, counts and error report in batches as in one run', async () => {
    const job = await aJob(messyCsv(ROWS));
    expect(await runner(BATCH).run(job.jobId)).toBe('completed');
    expect((await jobs.stored(job.jobId))?.checkpoint.batches).toBe(Math.ceil((ROWS + 1 + 31) / BATCH));
    expect(await outcome(job)).toEqual(reference);
  });

  describe.each([
    ['at a batch boundary', 2 * BATCH],
    ['in the middle of a batch', 2 * BATCH + BATCH / 2],
  ])('a run that crashes %s', (_where, crashAtRecord) => {
    it('leaves the job running after its last written batch, nothing of it visible, and resumes to the same result', async () => {
      const job = await aJob(messyCsv(ROWS));
      const crashing = (source: RecordSource) =>
        withStepAtRecord(source, crashAtRecord, () => {
          throw new Crash('the process died');
        });
      await expect(runner(BATCH).run(job.jobId, { source: crashing })).rejects.toBeInstanceOf(Crash);

      const stopped = (await jobs.stored(job.jobId))!;
      expect(stopped.job.state).toBe('running');
      expect(stopped.checkpoint).toMatchObject({ batches: 2, records: 2 * BATCH });
      expect(stopped.job.rowsImported + stopped.job.rowsRejected + stopped.job.rowsDuplicate).toBe(stopped.job.rowsRead);
      // Written but not shown: the segment still shows what it held before the import.
      expect((await pool.query('SELECT count(*)::int AS n FROM contacts WHERE import_job_id = $1', [job.jobId])).rows[0].n).toBeGreaterThan(0);
      expect((await segments.listContacts({ segmentId: job.segmentId, filter: {}, after: null, pageSize: 1_000 })).contacts.map((c) => c.phone)).toEqual(['+79130000000']);
      const streamed = [];
      for await (const contact of segments.activeContacts(job.segmentId, 'project')) streamed.push(contact.phone);
      expect(streamed).toEqual(['+79130000000']);
      expect((await segments.get(job.segmentId))?.status).toBe('importing');

      expect(await runner(BATCH).run(job.jobId)).toBe('completed');
      expect(await outcome(job)).toEqual(reference);
    });
  });

  it('rolls a batch back whole when its transaction fails part-way, and resumes to the same result', async () => {
    const job = await aJob(messyCsv(ROWS));
    // The third batch's error-report lines are refused after its contacts went in: a crash mid-commit.
    await pool.query(`
      CREATE FUNCTION refuse_third_batch() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.seq = 3 THEN RAISE EXCEPTION 'disk gone'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER refuse_third_batch BEFORE INSERT ON import_error_report_chunks FOR EACH ROW EXECUTE FUNCTION refuse_third_batch();`);
    try {
      await expect(runner(BATCH).run(job.jobId)).rejects.toThrow(/disk gone/);
    } finally {
      await pool.query('DROP TRIGGER refuse_third_batch ON import_error_report_chunks; DROP FUNCTION refuse_third_batch();');
    }
    const stopped = (await jobs.stored(job.jobId))!;
    expect(stopped.checkpoint).toMatchObject({ batches: 2, records: 2 * BATCH });
    const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM contacts WHERE import_job_id = $1 AND row_number > $2', [job.jobId, 2 * BATCH + 1]);
    expect(rows[0]?.n).toBe(0);

    expect(await runner(BATCH).run(job.jobId)).toBe('completed');
    expect(await outcome(job)).toEqual(reference);
  });

  it('lets the database refuse a second contact with a key a deduplicated import already wrote', async () => {
    const job = await aJob(messyCsv(10));
    const again = { phone: '+79130000000', email: null, telegram: null, whatsapp: null, viber: null, customFields: {}, status: 'active' as const, rowNumber: 5, region: null, operator: null, timeZones: [], lineType: null };
    await expect(segments.insertContacts(pool, job.segmentId, [again], { importJobId: job.jobId, deduplicated: true })).rejects.toMatchObject({ code: '23505' });
    // Without "remove duplicates" the segment may hold the number twice.
    await expect(segments.insertContacts(pool, job.segmentId, [again], { importJobId: job.jobId })).resolves.toHaveLength(1);
  });

  it('fails a file found broken after batches were written: the job keeps its report, the segment is as before', async () => {
    const job = await aJob(messyCsv(ROWS, ['"+7 912 000 00 00;x;unclosed']));
    expect(await runner(BATCH).run(job.jobId)).toBe('failed');
    const failed = await outcome(job);
    expect(failed.job).toMatchObject({ state: 'failed', failure: { code: 'broken-quotes' }, contactsCreated: 0 });
    expect(failed.contacts.map((contact) => contact.phone)).toEqual(['+79130000000']);
    expect(failed.segment).toEqual({ status: 'import-failed', counts: { total: 1, active: 1, inactive: 0, notRussian: 0 } });
    expect(failed.errorReport).toContain('unclosed-quote');
  });

  it('holds no transaction between batches: the server-wide snapshot xmin passes transactions committed during the import', async () => {
    const job = await aJob(messyCsv(ROWS));
    let passed = false;
    const observe = async () => {
      // A transaction of another service, committed while the import is half-way.
      const { rows } = await observer.query<{ xid: string }>('SELECT pg_current_xact_id()::text AS xid');
      const later = rows[0]!.xid;
      // Subscriptions read below pg_snapshot_xmin: it must pass that transaction while the import still runs.
      passed = await eventually(
        async () => (await observer.query<{ past: boolean }>('SELECT pg_snapshot_xmin(pg_current_snapshot()) > $1::xid8 AS past', [later])).rows[0]?.past === true,
        { what: 'the snapshot xmin to pass a transaction committed during the import', timeoutMs: 10_000 },
      );
      expect((await jobs.get(job.jobId))?.state).toBe('running');
    };
    expect(await runner(BATCH).run(job.jobId, { source: (source) => withStepAtRecord(source, 3 * BATCH + 17, observe) })).toBe('completed');
    expect(passed).toBe(true);
  });

  describe('into a blacklist segment', () => {
    /** The outbox messages of one kind keyed by the account (each test has its own). */
    const announcements = async (type: 'Added' | 'Removed', accountId: string) =>
      (await pool.query<{ message_id: string }>('SELECT message_id FROM outbox WHERE type = $1 AND message_key = $2 ORDER BY message_id', [`zvonar.audiences.v1.BlacklistEntry${type}`, accountId])).rows.map(
        (row) => row.message_id,
      );
    const announcedIdsOf = async (jobId: string) =>
      (await pool.query<{ contact_id: string }>('SELECT contact_id FROM contacts WHERE import_job_id = $1 AND phone IS NOT NULL', [jobId])).rows.map((row) => `BlacklistEntryAdded:contact:${row.contact_id}`).sort();

    it('announces each batch\'s numbers with the batch: after a crash exactly the written ones, after the resumption all', async () => {
      await pool.query(`INSERT INTO project_accounts (project_id, account_id) VALUES ('blacklisting', 'account-1')`);
      const job = await aJob(messyCsv(ROWS), 'blacklist', 'blacklisting');
      await expect(runner(BATCH).run(job.jobId, { source: (source) => withStepAtRecord(source, 2 * BATCH + 100, () => Promise.reject(new Crash('gone'))) })).rejects.toBeInstanceOf(Crash);
      const written = await announcedIdsOf(job.jobId);
      expect(written.length).toBeGreaterThan(BATCH);
      expect(await announcements('Added', 'account-1')).toEqual(written);

      expect(await runner(BATCH).run(job.jobId)).toBe('completed');
      const all = await announcedIdsOf(job.jobId);
      expect(all.length).toBeGreaterThan(written.length);
      expect(await announcements('Added', 'account-1')).toEqual(all);
    });

    it('retracts what a failed import announced, as it removes its contacts', async () => {
      await pool.query(`INSERT INTO project_accounts (project_id, account_id) VALUES ('blacklisting-broken', 'account-2')`);
      const job = await aJob(messyCsv(ROWS, ['"+7 912 000 00 00;x;unclosed']), 'blacklist', 'blacklisting-broken');
      expect(await runner(BATCH).run(job.jobId)).toBe('failed');
      const added = await announcements('Added', 'account-2');
      expect(added.length).toBeGreaterThan(BATCH);
      expect(await announcements('Removed', 'account-2')).toEqual(added.map((id) => id.replace('Added', 'Removed')));
      expect((await pool.query('SELECT count(*)::int AS n FROM contacts WHERE import_job_id = $1', [job.jobId])).rows[0].n).toBe(0);
    });
  });
});
