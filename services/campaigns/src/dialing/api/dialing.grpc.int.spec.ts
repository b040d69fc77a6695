import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { Module } from '@nestjs/common';
import { PostgresEventStore } from '@zvonar/event-store-postgres';
import { PostgresIntegrationBus } from '@zvonar/messaging-postgres';
import { createGrpcClient, PostgresModule, startService, type GrpcClient, type RunningService } from '@zvonar/platform';
import { principalMetadata, ProjectAccessModule } from '@zvonar/project-access';
import { aPrincipal, describeTenantIsolation, ProjectsStandIn, type IsolationVerb } from '@zvonar/project-access/src/testing';
import { callControlV1, campaignsV1, campaignsV1Package } from '@zvonar/proto-ts';
import { createTestDatabase, describeWithPostgres, eventually } from '@zvonar/testing';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { firstValueFrom, type Observable } from 'rxjs';
import { CampaignEventStoreModule } from '../../campaign/infrastructure/campaign-event-store.module';
import { campaignStreamId, type CampaignEvent } from '../../campaign/domain';
import { campaignsConfigSchema } from '../../campaigns.config';
import { campaignsMigrations } from '../../campaigns.module';
import { DialingModule, dialingConfigShape, dialingMigrations } from '../dialing.module';
import { CALL_CONTROL_BUS_SCHEMA, CALL_EVENTS_TOPIC } from '../integration/call-outcomes.consumer';
import { PLACE_CALL_TOPIC } from '../integration/place-call.message';
import { startFakeAudiences, type FakeAudiences } from '../infrastructure/testing/fake-audiences.server';
import { aContact, dialerSettings, PROJECT } from '../infrastructure/testing/dialer.fixture';

/** Every campaigns migration once, whether or not the service's list already includes the dialer's. */
const migrations = [...new Map([...campaignsMigrations, ...dialingMigrations].map((migration) => [migration.id, migration])).values()];

/** The campaigns schema and event store as the service module has them, plus the dialer: what the lead composes. */
@Module({
  imports: [
    PostgresModule.forService({ schema: 'campaigns', migrations }),
    ProjectAccessModule.forService({ service: 'campaigns', schema: 'campaigns' }),
    CampaignEventStoreModule,
    DialingModule,
  ],
})
class DialerHostModule {}

const O = callControlV1.CallOutcome;
const A = campaignsV1.AttemptOutcome;
const call = <T>(observable: Observable<T>): Promise<T> => firstValueFrom(observable);
const failure = (observable: Observable<unknown>): Promise<ServiceError> =>
  firstValueFrom(observable).then(
    () => Promise.reject(new Error('expected the call to fail')),
    (error: ServiceError) => error,
  );

describeWithPostgres('DialingModule in a service: PlaceCall through the outbox relay, outcomes, CampaignDialingService', (serverUrl) => {
  let database: { url: string; drop(): Promise<void> };
  let pool: Pool;
  let audiences: FakeAudiences;
  let service: RunningService;
  let store: PostgresEventStore;
  let campaignsBus: PostgresIntegrationBus;
  let callControl: PostgresIntegrationBus;
  let client: GrpcClient<campaignsV1.CampaignDialingServiceClient>;
  let projects: ProjectsStandIn;
  /** The owner of the dialer fixture's project: every call of the first specs is theirs. */
  const marketer = aPrincipal('marketer');
  const asMarketer = (language?: string): Metadata => {
    const metadata = principalMetadata(marketer);
    if (language) metadata.set('accept-language', language);
    return metadata;
  };

  beforeAll(async () => {
    database = await createTestDatabase(serverUrl, 'dialing_api');
    pool = new Pool({ connectionString: database.url, max: 4 });
    audiences = await startFakeAudiences({ 'audience-1': [0, 1, 2].map((index) => aContact(index, ['Asia/Yekaterinburg'])) });
    service = await startService(
      { name: 'campaigns', module: DialerHostModule, configSchema: campaignsConfigSchema.extend(dialingConfigShape), grpc: { packages: [campaignsV1Package] } },
      { DATABASE_URL: database.url, BUS: 'embedded', AUDIENCES_GRPC_URL: audiences.url, DIALER_STEP_MS: '50', HTTP_HOST: '127.0.0.1', HTTP_PORT: '0', GRPC_HOST: '127.0.0.1', GRPC_PORT: '0', LOG_LEVEL: 'warn' },
    );
    store = await PostgresEventStore.connect({ pool, schema: 'campaigns', migrate: false });
    campaignsBus = await PostgresIntegrationBus.connect({ pool, schema: 'campaigns' });
    callControl = await PostgresIntegrationBus.connect({ pool, schema: CALL_CONTROL_BUS_SCHEMA });
    projects = await ProjectsStandIn.connect(pool, 'campaigns');
    await projects.create({ owner: marketer, projectId: PROJECT });
    client = createGrpcClient<campaignsV1.CampaignDialingServiceClient>({ url: service.grpcUrl, grpcPackage: campaignsV1Package, service: campaignsV1.CAMPAIGN_DIALING_SERVICE_NAME, deadlineMs: 5_000 });
  });

  afterAll(async () => {
    client?.close();
    await service?.shutdown();
    await campaignsBus?.close();
    await callControl?.close();
    await projects?.close();
    await store?.close();
    await audiences?.stop();
    await pool?.end();
    await database?.drop();
  });

  it('dials a started campaign through the relay, applies the outcomes, and reports them', async () => {
    const placed: callControlV1.PlaceCall[] = [];
    const telephony = await campaignsBus.subscribe({
      group: 'call-control-spec',
      topics: [PLACE_CALL_TOPIC],
      decode: (payload) => callControlV1.PlaceCall.decode(payload),
      handle: async (command) => {
        placed.push(command);
      },
    });
    try {
      const now = new Date();
      const events: CampaignEvent[] = [
        { type: 'CampaignCreated', data: { campaignId: 'campaign-api', projectId: PROJECT, settings: dialerSettings({ pace: { callsPerSecond: 50, callsPerHour: 180_000 } }), createdAt: now, copiedFrom: null, templateId: null } },
        { type: 'CampaignScheduled', data: { campaignId: 'campaign-api', startsAt: now, scheduledAt: now } },
        { type: 'CampaignStarted', data: { campaignId: 'campaign-api', startedAt: now } },
      ];
      await store.appendToStream(campaignStreamId('campaign-api'), events);
      await eventually(() => placed.length === 3, { what: 'three PlaceCalls on the bus' });
      expect(placed.map((command) => [command.attemptId, command.variables['name'], command.scenarioId, command.callerId]).sort()).toEqual([
        ['campaign-api:0:1', 'Имя 0', 'scenario-1', '+74950000000'],
        ['campaign-api:1:1', 'Имя 1', 'scenario-1', '+74950000000'],
        ['campaign-api:2:1', 'Имя 2', 'scenario-1', '+74950000000'],
      ]);

      const ended = (attemptId: string, outcome: callControlV1.CallOutcome, extra: Partial<callControlV1.CallEnded> = {}) => ({
        messageId: `CallEnded:${attemptId}`,
        topic: CALL_EVENTS_TOPIC,
        key: 'campaign-api',
        type: 'zvonar.callcontrol.v1.CallEnded',
        payload: callControlV1.CallEnded.encode({ ...callControlV1.CallEnded.decode(new Uint8Array(0)), callId: `call-${attemptId}`, attemptId, campaignId: 'campaign-api', outcome, endedAt: new Date(), ...extra }).finish(),
        occurredAt: new Date(),
        headers: {},
      });
      await callControl.publish([
        ended('campaign-api:0:1', O.CALL_OUTCOME_GOAL, { goalReached: true, talkSeconds: 42 }),
        ended('campaign-api:1:1', O.CALL_OUTCOME_BUSY),
      ]);
      const report = async () => call(client.service.getCampaignReport({ campaignId: 'campaign-api' }, asMarketer()));
      await eventually(async () => (await report()).calls?.busy === 1 && (await report()).calls?.goals === 1, { what: 'both outcomes in the report' });
      expect(await report()).toEqual({
        totalContacts: 3,
        finishedContacts: 1,
        audienceLoaded: true,
        duplicatesSkipped: 0,
        contacts: { waiting: 1, inCall: 1, awaitingResend: 0, finished: 1, reached: 1, exhausted: 0, blacklisted: 0, outsideEveryWindow: 0, interrupted: 0, other: 0 },
        calls: { placed: 3, answered: 1, goals: 1, blacklisted: 0, answeringMachines: 0, notAnswered: 0, busy: 1, failed: 0, interrupted: 0, redialsScheduled: 1, inProgress: 1 },
      });

      const first = await call(client.service.listAttempts({ campaignId: 'campaign-api', outcomes: [], page: { pageSize: 2, pageToken: '' } }, asMarketer()));
      expect(first.attempts).toHaveLength(2);
      const second = await call(client.service.listAttempts({ campaignId: 'campaign-api', outcomes: [], page: { pageSize: 2, pageToken: first.page!.nextPageToken } }, asMarketer()));
      expect(second.page?.nextPageToken).toBe('');
      expect([...first.attempts, ...second.attempts].map((attempt) => attempt.attemptId).sort()).toEqual(['campaign-api:0:1', 'campaign-api:1:1', 'campaign-api:2:1']);
      const goals = await call(client.service.listAttempts({ campaignId: 'campaign-api', outcomes: [A.ATTEMPT_OUTCOME_GOAL, A.ATTEMPT_OUTCOME_PENDING], page: { pageSize: 10, pageToken: '' } }, asMarketer()));
      expect(goals.attempts.map((attempt) => [attempt.attemptId, attempt.outcome, attempt.attemptNumber, attempt.timeZone, attempt.talkSeconds]).sort()).toEqual([
        ['campaign-api:0:1', A.ATTEMPT_OUTCOME_GOAL, 1, 'Asia/Yekaterinburg', 42],
        ['campaign-api:2:1', A.ATTEMPT_OUTCOME_PENDING, 1, 'Asia/Yekaterinburg', 0],
      ]);
    } finally {
      await telephony.stop();
    }
  });

  it('answers NOT_FOUND for a campaign that does not exist and INVALID_ARGUMENT for a page token it did not hand out', async () => {
    const missing = await failure(client.service.getCampaignReport({ campaignId: 'no-such-campaign' }, asMarketer()));
    expect(missing.code).toBe(status.NOT_FOUND);
    expect(missing.details).toBe('Кампания не найдена');
    const badToken = await failure(client.service.listAttempts({ campaignId: 'campaign-api', outcomes: [], page: { pageSize: 10, pageToken: 'not-a-token' } }, asMarketer('en')));
    expect(badToken.code).toBe(status.INVALID_ARGUMENT);
  });

  it("answers another tenant's campaign exactly like a missing one, and a call without a principal UNAUTHENTICATED", async () => {
    const stranger = aPrincipal('stranger');
    const theirs = await failure(client.service.getCampaignReport({ campaignId: 'campaign-api' }, principalMetadata(stranger)));
    const missing = await failure(client.service.getCampaignReport({ campaignId: 'no-such-campaign' }, principalMetadata(stranger)));
    expect([theirs.code, theirs.details]).toEqual([missing.code, missing.details]);
    expect(theirs.code).toBe(status.NOT_FOUND);
    const attempts = await failure(client.service.listAttempts({ campaignId: 'campaign-api', outcomes: [], page: undefined }, principalMetadata(stranger)));
    expect(attempts.code).toBe(status.NOT_FOUND);
    expect((await failure(client.service.getCampaignReport({ campaignId: 'campaign-api' }))).code).toBe(status.UNAUTHENTICATED);
  });

  /** A created campaign of the case's project (never started: its report is empty but readable). */
  const aCampaignOf = async (projectId: string): Promise<string> => {
    const campaignId = `campaign-${randomUUID()}`;
    const now = new Date();
    await store.appendToStream(campaignStreamId(campaignId), [
      { type: 'CampaignCreated', data: { campaignId, projectId, settings: dialerSettings(), createdAt: now, copiedFrom: null, templateId: null } },
    ]);
    return campaignId;
  };
  const verbs: IsolationVerb[] = [
    { name: 'GetCampaignReport', need: 'read', call: async (metadata, cast) => call(client.service.getCampaignReport({ campaignId: await aCampaignOf(cast.projectId) }, metadata)) },
    {
      name: 'ListAttempts',
      need: 'read',
      call: async (metadata, cast) => call(client.service.listAttempts({ campaignId: await aCampaignOf(cast.projectId), outcomes: [], page: undefined }, metadata)),
    },
  ];
  describeTenantIsolation('campaigns dialing', () => ({ givenProject: ({ owner, editor }) => projects.create({ owner, editor }), verbs }));
});
