import type { OfflinePhoneIntelligence } from '@zvonar/phone-intelligence';
import { GENERATION_TIMEOUT_MS, offlineIntelligenceOverGeneratedData } from '@zvonar/phone-intelligence/src/testing';
import { createTestDatabase, describeWithPostgres, eventually } from '@zvonar/testing';
import { Pool, type PoolClient } from 'pg';
import { AUDIENCE_HEADER, audienceRow } from '../src/import/testing/generate-audience';
import { audiencesV1 } from '../src/segment/api/audiences.proto';
import { as, aUser, call, startAudiences } from './audiences.test-client';
import { ProjectsStandIn } from './project-stand-in';

const OWNER = aUser('owner');
const { ColumnTarget_Kind: Kind, ImportJobState, SegmentKind, TextEncoding } = audiencesV1;
const BATCH_ROWS = 200;
const ROWS = 2_000;
const repeats = (index: number): boolean => index >= 451 && index % 10 === 9;
const DUPLICATES = Array.from({ length: ROWS }, (_, index) => index).filter(repeats).length;
/** The generated audience with every tenth row from row 451 on repeating one 451 rows earlier (never a repeat itself) (duplicates across batches). */
const FILE = Buffer.from(
  [AUDIENCE_HEADER.join(';'), ...Array.from({ length: ROWS }, (_, index) => audienceRow(repeats(index) ? index - 451 : index, 'комментарий').join(';'))].join('\n'),
  'utf8',
);

// Imports on a shared machine, a service stopped and started again: generous, and every wait is on a condition.
jest.setTimeout(120_000);

describeWithPostgres('audiences imports that stop and resume', (serverUrl) => {
  let database: { url: string; drop(): Promise<void> };
  let pool: Pool;
  let projects: ProjectsStandIn;
  let intelligence: OfflinePhoneIntelligence;
  let running: Awaited<ReturnType<typeof startAudiences>> | undefined;
  let projectId: string;
  let reference: { contacts: unknown[]; job: audiencesV1.ImportJob };

  const start = async () => {
    running = await startAudiences({ DATABASE_URL: database.url, BUS: 'embedded', AUDIENCES_IMPORT_BATCH_ROWS: String(BATCH_ROWS), AUDIENCES_IMPORT_BATCH_MS: '60000' });
    return as(running.client.service, OWNER);
  };

  beforeAll(async () => {
    intelligence = offlineIntelligenceOverGeneratedData();
    database = await createTestDatabase(serverUrl, 'audiences_import_resume');
    pool = new Pool({ connectionString: database.url, max: 4 });
    projects = await ProjectsStandIn.connect(pool);
  }, GENERATION_TIMEOUT_MS);

  afterAll(async () => {
    await running?.stop();
    await projects?.close();
    await pool?.end();
    await database?.drop();
    void intelligence;
  });

  /** Starts an import of FILE into a new segment; returns its job id and segment id. */
  const startImport = async (client: Awaited<ReturnType<typeof start>>): Promise<{ jobId: string; segmentId: string }> => {
    const { segment } = await call(client.createSegment({ projectId, name: 'Клиенты', kind: SegmentKind.SEGMENT_KIND_AUDIENCE, pastedList: '', defaultCountry: '' }));
    const upload = await call(client.uploadImport({ projectId, fileName: 'audience.csv', content: FILE, uploadId: '' }));
    const { job } = await call(
      client.startImport({
        uploadId: upload.uploadId,
        segmentId: segment!.segmentId,
        hasHeader: true,
        mapping: [{ kind: Kind.KIND_PHONE, customFieldKey: '' }, { kind: Kind.KIND_EMAIL, customFieldKey: '' }, { kind: Kind.KIND_CUSTOM, customFieldKey: 'name' }, { kind: Kind.KIND_IGNORE, customFieldKey: '' }],
        options: { defaultCountry: 'RU', splitMultiplePhones: true, idnEmails: true, unicodeToAscii: false, stripSubaddress: true, removeDuplicates: true },
        encoding: TextEncoding.TEXT_ENCODING_UNSPECIFIED,
        delimiter: '',
        customFieldKeys: ['name'],
        rejectBrokenRows: false,
      }),
    );
    return { jobId: job!.jobId, segmentId: segment!.segmentId };
  };

  const finished = (client: Awaited<ReturnType<typeof start>>, jobId: string) =>
    eventually(
      async () => {
        const job = (await call(client.getImportJob({ jobId }))).job!;
        expect(job.rowsImported + job.rowsRejected + job.rowsDuplicate).toBe(job.rowsRead);
        return job.state !== ImportJobState.IMPORT_JOB_STATE_RUNNING && job;
      },
      { what: `import job ${jobId} to finish`, timeoutMs: 60_000, intervalMs: 50 },
    );

  /** The segment's contacts as stored, in order: what the dialer would load. */
  const contactsOf = async (segmentId: string) =>
    (
      await pool.query(
        'SELECT phone, email, custom_fields, status, region, time_zones, row_number FROM audiences.contacts WHERE segment_id = $1 ORDER BY position',
        [segmentId],
      )
    ).rows;

  const withoutIds = (job: audiencesV1.ImportJob) => ({ ...job, jobId: '', segmentId: '', uploadId: '', startedAt: undefined, finishedAt: undefined });

  it('imports the file once without interruption (the reference)', async () => {
    const client = await start();
    projectId = await projects.create('project-resume', OWNER);
    const { jobId, segmentId } = await startImport(client);
    const job = await finished(client, jobId);
    expect(job).toMatchObject({ state: ImportJobState.IMPORT_JOB_STATE_COMPLETED, rowsRead: ROWS, rowsDuplicate: DUPLICATES });
    reference = { contacts: await contactsOf(segmentId), job: withoutIds(job) };
    expect(reference.contacts).toHaveLength(ROWS - DUPLICATES);
  });

  it('leaves a job the stopping service was running at its last batch, and the next start resumes it to the same segment', async () => {
    // The third batch's commit waits on a lock the test holds, so the service stops with the job in flight.
    await pool.query(`
      CREATE FUNCTION audiences.hold_third_batch() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_advisory_lock_shared(4242); PERFORM pg_advisory_unlock_shared(4242); RETURN NEW; END $$;
      CREATE TRIGGER hold_third_batch BEFORE UPDATE ON audiences.import_jobs FOR EACH ROW WHEN (NEW.batches_done = 3 AND OLD.batches_done = 2)
        EXECUTE FUNCTION audiences.hold_third_batch();`);
    const holder: PoolClient = await pool.connect();
    let job: { jobId: string; segmentId: string };
    try {
      await holder.query('SELECT pg_advisory_lock(4242)');
      job = await startImport(as(running!.client.service, OWNER));
      await eventually(async () => (await pool.query(`SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`)).rowCount === 1, { what: 'the third batch to wait' });
      const stopping = running!.stop();
      running = undefined;
      await holder.query('SELECT pg_advisory_unlock(4242)');
      await stopping;
    } finally {
      holder.release();
      await pool.query('DROP TRIGGER hold_third_batch ON audiences.import_jobs; DROP FUNCTION audiences.hold_third_batch();');
    }

    const { rows } = await pool.query<{ state: string; batches_done: number; attempts: number; rows_read: string }>('SELECT state, batches_done, attempts, rows_read FROM audiences.import_jobs WHERE job_id = $1', [job.jobId]);
    // Stopped on purpose (a deploy), so the run does not count against the job.
    expect(rows[0]).toMatchObject({ state: 'running', batches_done: 3, attempts: 0 });
    expect((await pool.query('SELECT status FROM audiences.segments WHERE segment_id = $1', [job.segmentId])).rows[0].status).toBe('importing');

    const client = await start();
    const resumed = await finished(client, job.jobId);
    expect(withoutIds(resumed)).toEqual(reference.job);
    expect(await contactsOf(job.segmentId)).toEqual(reference.contacts);
    const { rows: runs } = await pool.query<{ attempts: number }>('SELECT attempts FROM audiences.import_jobs WHERE job_id = $1', [job.jobId]);
    expect(runs[0]?.attempts).toBe(1);
  });

  it('runs a job again from its last batch after a step that failed once, and completes it exactly', async () => {
    // The second batch's commit fails the first time only (a sequence is not rolled back with it).
    await pool.query(`
      CREATE SEQUENCE audiences.second_batch_tries;
      CREATE FUNCTION audiences.fail_second_batch_once() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF nextval('audiences.second_batch_tries') = 1 THEN RAISE EXCEPTION 'the disk hiccuped'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER fail_second_batch_once BEFORE UPDATE ON audiences.import_jobs FOR EACH ROW WHEN (NEW.batches_done = 2 AND OLD.batches_done = 1)
        EXECUTE FUNCTION audiences.fail_second_batch_once();`);
    try {
      const client = as(running!.client.service, OWNER);
      const job = await startImport(client);
      const done = await finished(client, job.jobId);
      expect(withoutIds(done)).toEqual(reference.job);
      expect(await contactsOf(job.segmentId)).toEqual(reference.contacts);
      const { rows } = await pool.query<{ attempts: number }>('SELECT attempts FROM audiences.import_jobs WHERE job_id = $1', [job.jobId]);
      expect(rows[0]?.attempts).toBe(2);
    } finally {
      await pool.query('DROP TRIGGER fail_second_batch_once ON audiences.import_jobs; DROP FUNCTION audiences.fail_second_batch_once(); DROP SEQUENCE audiences.second_batch_tries;');
    }
  });
});
