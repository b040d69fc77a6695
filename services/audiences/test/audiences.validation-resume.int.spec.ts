import { GENERATION_TIMEOUT_MS } from '@zvonar/phone-intelligence/src/testing';
import { createTestDatabase, describeWithPostgres, eventually } from '@zvonar/testing';
import { Pool } from 'pg';
import { audiencesV1 } from '../src/segment/api/audiences.proto';
import { LocalDnsResponder } from '../src/validation/infrastructure/testing/local-dns-responder';
import { as, aUser, call, startAudiences } from './audiences.test-client';
import { ProjectsStandIn } from './project-stand-in';

const OWNER = aUser('owner');
const TIMEOUT_MS = 500;
const BATCH = 250;

/**
 * Three batches of addresses; each holds a domain that never answers (a different one, so the run's
 * cache does not spare the wait), so every batch takes at least one DNS timeout and the spec can
 * stop the service between two of them.
 */
const ADDRESSES = [
  'only@first.example',
  's@s1.example',
  ...Array.from({ length: BATCH - 2 }, (_, index) => `a${index}@gmail.com`),
  's@s2.example',
  ...Array.from({ length: BATCH - 1 }, (_, index) => `b${index}@gmail.com`),
  's@s3.example',
  ...Array.from({ length: BATCH - 1 }, (_, index) => `c${index}@gmail.com`),
];

jest.setTimeout(60_000);

describeWithPostgres('a validation run the service stopped resumes on the next start', (serverUrl) => {
  let database: { url: string; drop(): Promise<void> };
  let projects: ProjectsStandIn;
  let pool: Pool;
  let dns: LocalDnsResponder;

  beforeAll(async () => {
    dns = await LocalDnsResponder.start({
      'gmail.com': { mx: [{ preference: 5, exchange: 'gmail-smtp-in.l.google.com' }] },
      'first.example': { mx: [{ preference: 10, exchange: 'mx.first.example' }] },
      's1.example': 'silent',
      's2.example': 'silent',
      's3.example': 'silent',
    });
    database = await createTestDatabase(serverUrl, 'audiences_validation_resume');
    pool = new Pool({ connectionString: database.url, max: 4 });
    projects = await ProjectsStandIn.connect(pool);
  }, GENERATION_TIMEOUT_MS);

  afterAll(async () => {
    await projects?.close();
    await pool?.end();
    await database?.drop();
    await dns?.stop();
  });

  const env = () => ({ DATABASE_URL: database.url, BUS: 'embedded', EMAIL_DNS_SERVERS: dns.server, EMAIL_DNS_TIMEOUT_MS: String(TIMEOUT_MS) });
  const stored = async (runId: string) =>
    (await pool.query<{ state: string; contacts_checked: string; results: Record<string, number> | null }>('SELECT state, contacts_checked, results FROM audiences.scoring_runs WHERE run_id = $1', [runId])).rows[0]!;

  it('given an e-mail run stopped with the service after a batch, when the service starts again, then the run carries on after its last batch to exact counts', async () => {
    const first = await startAudiences(env());
    let runId: string;
    let segmentId: string;
    try {
      const client = as(first.client.service, OWNER);
      const projectId = await projects.create('project-resume', OWNER);
      const { segment } = await call(client.createSegment({ projectId, name: 'Адреса', kind: audiencesV1.SegmentKind.SEGMENT_KIND_AUDIENCE, pastedList: ADDRESSES.join('\n'), defaultCountry: '' }));
      segmentId = segment!.segmentId;
      expect(segment!.counts!.total).toBe(ADDRESSES.length);
      runId = (await call(client.validateEmails({ segmentId, newSegmentName: '' }))).run!.runId;
      // Stop while a later batch waits on DNS: the batches written stay, the one in hand is dropped.
      await eventually(async () => Number((await stored(runId)).contacts_checked) > 0, { what: 'the first batch to be written', timeoutMs: 20_000, intervalMs: 10 });
    } finally {
      await first.stop();
    }

    const stopped = await stored(runId);
    expect(stopped.state).toBe('running');
    const checkedAtStop = Number(stopped.contacts_checked);
    expect([BATCH, 2 * BATCH]).toContain(checkedAtStop);
    expect(Object.values(stopped.results ?? {}).reduce((sum, count) => sum + count, 0)).toBe(checkedAtStop);
    const { rows: judged } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM audiences.contacts WHERE segment_id = $1 AND email_status IS NOT NULL', [segmentId]);
    expect(Number(judged[0]!.n)).toBe(checkedAtStop);

    const second = await startAudiences(env());
    try {
      const client = as(second.client.service, OWNER);
      const run = await eventually(
        async () => {
          const history = (await call(client.getSegment({ segmentId }))).segment!.scoringHistory;
          return history[0]?.state === 'completed' && history[0];
        },
        { what: 'the resumed run to complete', timeoutMs: 30_000 },
      );
      expect(run).toMatchObject({ runId, contactsChecked: ADDRESSES.length });
      expect(run.emailResults).toEqual({ valid: ADDRESSES.length - 3, invalidSyntax: 0, noMailServer: 0, disposable: 0, unknown: 3 });
      const { rows: unjudged } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM audiences.contacts WHERE segment_id = $1 AND email_status IS NULL', [segmentId]);
      expect(Number(unjudged[0]!.n)).toBe(0);
      // The first batch was written before the stop and not judged again.
      expect(dns.questions('first.example', 'MX')).toBe(1);
    } finally {
      await second.stop();
    }
  });
});
