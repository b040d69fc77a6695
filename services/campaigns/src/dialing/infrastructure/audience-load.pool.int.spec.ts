import { status } from '@grpc/grpc-js';
import { PostgresEventStore } from '@zvonar/event-store-postgres';
import { createGrpcClient, startService, type GrpcClient, type RunningService } from '@zvonar/platform';
import { principalMetadata } from '@zvonar/project-access';
import { aPrincipal, ProjectsStandIn } from '@zvonar/project-access/src/testing';
import { campaignsV1, campaignsV1Package } from '@zvonar/proto-ts';
import { createTestDatabase, describeWithPostgres, eventually } from '@zvonar/testing';
import { Pool } from 'pg';
import { firstValueFrom } from 'rxjs';
import { campaignStreamId, type CampaignEvent } from '../../campaign/domain';
import { campaignsService } from '../../campaigns.service';
import { aContact, dialerSettings } from './testing/dialer.fixture';
import { startFakeAudiences, type FakeAudiences } from './testing/fake-audiences.server';

/** More running campaigns than the service's pool has connections (10). */
const CAMPAIGNS = 14;

jest.setTimeout(60_000);

describeWithPostgres('the dialer while the audiences service fails', (serverUrl) => {
  let database: { url: string; drop(): Promise<void> };
  let pool: Pool;
  let audiences: FakeAudiences;
  let service: RunningService;
  let store: PostgresEventStore;
  let projects: ProjectsStandIn;
  let campaigns: GrpcClient<campaignsV1.CampaignsServiceClient>;
  let dialing: GrpcClient<campaignsV1.CampaignDialingServiceClient>;
  const marketer = aPrincipal('marketer');

  beforeAll(async () => {
    database = await createTestDatabase(serverUrl, 'dialer_load_pool');
    pool = new Pool({ connectionString: database.url, max: 3 });
    audiences = await startFakeAudiences({ 'audience-1': [0, 1].map((index) => aContact(index, ['Europe/Moscow'])) });
    audiences.failWith = status.UNAVAILABLE;
    service = await startService(campaignsService, {
      DATABASE_URL: database.url,
      BUS: 'embedded',
      AUDIENCES_GRPC_URL: audiences.url,
      DIALER_STEP_MS: '50',
      DIALER_LOAD_RETRY_MS: '50',
      DIALER_SEGMENT_FIRST_ANSWER_MS: '200',
      DIALER_LOAD_RETRY_MAX_MS: '400',
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: '0',
      GRPC_HOST: '127.0.0.1',
      GRPC_PORT: '0',
      LOG_LEVEL: 'silent',
    });
    store = await PostgresEventStore.connect({ pool, schema: 'campaigns', migrate: false });
    projects = await ProjectsStandIn.connect(pool, 'campaigns');
    const options = { url: service.grpcUrl, grpcPackage: campaignsV1Package, deadlineMs: 3_000 };
    campaigns = createGrpcClient<campaignsV1.CampaignsServiceClient>({ ...options, service: campaignsV1.CAMPAIGNS_SERVICE_NAME });
    dialing = createGrpcClient<campaignsV1.CampaignDialingServiceClient>({ ...options, service: campaignsV1.CAMPAIGN_DIALING_SERVICE_NAME });
  });

  afterAll(async () => {
    campaigns?.close();
    dialing?.close();
    await service?.shutdown();
    await projects?.close();
    await store?.close();
    await audiences?.stop();
    await pool?.end();
    await database?.drop();
  });

  const loadsTried = () => audiences.streamsOpened.get('audience-1') ?? 0;
  /** Loads holding their campaign's lock (AudienceLoads.tryLock), each on a connection of the service. */
  const lockedLoads = async (ids: readonly string[]) =>
    (
      await pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_locks l JOIN unnest($1::text[]) AS k(key)
            ON l.locktype = 'advisory' AND l.granted AND l.objid::text::bigint = (hashtext(k.key)::bigint & 4294967295)`,
        [ids.map((campaignId) => `zvonar.dialer.load.${campaignId}`)],
      )
    ).rows[0]!.n;

  it('keeps answering while every load fails, holds no connection for a failing load, and loads every campaign once audiences recovers', async () => {
    const projectId = await projects.create({ owner: marketer });
    const ids = Array.from({ length: CAMPAIGNS }, (_, index) => `campaign-load-${index}`);
    const now = new Date();
    for (const campaignId of ids) {
      const events: CampaignEvent[] = [
        { type: 'CampaignCreated', data: { campaignId, projectId, settings: dialerSettings(), createdAt: now, copiedFrom: null, templateId: null } },
        { type: 'CampaignScheduled', data: { campaignId, startsAt: now, scheduledAt: now } },
        { type: 'CampaignStarted', data: { campaignId, startedAt: now } },
      ];
      await store.appendToStream(campaignStreamId(campaignId), events);
    }
    const running = async () =>
      (await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM campaigns.dialing_campaigns WHERE status = 'running'")).rows[0]!.n;
    await eventually(async () => (await running()) === CAMPAIGNS, { what: 'every campaign running in the dialer' });

    // (the probe sees a load's lock when one is held)
    const holder = await pool.connect();
    try {
      await holder.query('SELECT pg_advisory_lock(hashtext($1))', ['zvonar.dialer.load.probe']);
      expect(await lockedLoads(['probe'])).toBe(1);
      await holder.query('SELECT pg_advisory_unlock(hashtext($1))', ['zvonar.dialer.load.probe']);
    } finally {
      holder.release();
    }

    // Given every campaign's load failing again and again,
    const triedBefore = loadsTried();
    const locksSeen: number[] = [];
    await eventually(
      async () => {
        locksSeen.push(await lockedLoads(ids));
        return loadsTried() >= triedBefore + 3 * CAMPAIGNS;
      },
      { what: 'every campaign’s load to fail several times', intervalMs: 10 },
    );
    // then no failing load ever held its lock (the connection it takes only once its stream flows),
    expect(Math.max(...locksSeen)).toBe(0);
    // and the API answers every call within its deadline (the pool is not exhausted).
    const metadata = principalMetadata(marketer);
    const listed = await firstValueFrom(campaigns.service.listCampaigns({ projectId, statuses: [], archiveFilter: campaignsV1.ArchiveFilter.ARCHIVE_FILTER_ALL, order: campaignsV1.CampaignOrder.CAMPAIGN_ORDER_UNSPECIFIED, page: { pageSize: 50, pageToken: '' } }, metadata));
    expect(listed.campaigns.map((campaign) => campaign.campaignId).sort()).toEqual([...ids].sort());
    const reports = await Promise.all(ids.map((campaignId) => firstValueFrom(dialing.service.getCampaignReport({ campaignId }, principalMetadata(marketer)))));
    expect(reports.map((report) => report.audienceLoaded)).toEqual(ids.map(() => false));

    // When audiences recovers, then every campaign loads its contacts.
    audiences.failWith = undefined;
    await eventually(
      async () => {
        const loaded = await Promise.all(ids.map((campaignId) => firstValueFrom(dialing.service.getCampaignReport({ campaignId }, principalMetadata(marketer)))));
        return loaded.every((report) => report.audienceLoaded && report.totalContacts === 2);
      },
      { what: 'every campaign loaded', timeoutMs: 30_000 },
    );
  });
});
