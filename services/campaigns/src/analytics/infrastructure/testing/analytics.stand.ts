import { Metadata, type ServiceError } from '@grpc/grpc-js';
import { Module } from '@nestjs/common';
import { PostgresEventStore } from '@zvonar/event-store-postgres';
import type { IntegrationMessage } from '@zvonar/messaging';
import { PostgresIntegrationBus } from '@zvonar/messaging-postgres';
import { createGrpcClient, PostgresModule, startService, type GrpcClient, type RunningService } from '@zvonar/platform';
import { principalMetadata, ProjectAccessModule, type Principal } from '@zvonar/project-access';
import { aPrincipal, ProjectsStandIn } from '@zvonar/project-access/src/testing';
import { callControlV1, campaignsV1, grpcPackage, type audiencesV1 } from '@zvonar/proto-ts';
import { createTestDatabase } from '@zvonar/testing';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { firstValueFrom, lastValueFrom, toArray, type Observable } from 'rxjs';
import { CampaignEventStoreModule } from '../../../campaign/infrastructure/campaign-event-store.module';
import { campaignStreamId, type CampaignEvent, type CampaignSettings } from '../../../campaign/domain';
import { campaignsConfigSchema } from '../../../campaigns.config';
import { campaignsMigrations } from '../../../campaigns.module';
import { DialingModule, dialingConfigShape, dialingMigrations } from '../../../dialing/dialing.module';
import { CALL_CONTROL_BUS_SCHEMA, CALL_EVENTS_TOPIC } from '../../../dialing/integration/call-outcomes.consumer';
import { dialerSettings } from '../../../dialing/infrastructure/testing/dialer.fixture';
import { startFakeAudiences, type FakeAudiences } from '../../../dialing/infrastructure/testing/fake-audiences.server';
import { AnalyticsModule, analyticsMigrations } from '../../analytics.module';

/** Every campaigns migration once (whether or not the service's list already has the dialer's and the analytics'). */
const migrations = [...new Map([...campaignsMigrations, ...dialingMigrations, ...analyticsMigrations].map((migration) => [migration.id, migration])).values()];

/** What the composition root gives the analytics: the campaigns schema, the access read model, the event store, the dialer. */
@Module({
  imports: [
    PostgresModule.forService({ schema: 'campaigns', migrations }),
    ProjectAccessModule.forService({ service: 'campaigns', schema: 'campaigns' }),
    CampaignEventStoreModule,
    DialingModule,
    AnalyticsModule,
  ],
})
class AnalyticsHostModule {}

/** The package served, named here so the stand does not depend on how proto-ts groups the files. */
const analyticsPackage = grpcPackage('zvonar.campaigns.v1', 'campaigns_service.proto', 'dialing_service.proto', 'analytics_service.proto', 'campaign_events.proto');

export type AnalyticsClient = campaignsV1.CampaignAnalyticsServiceClient;

export const call = <T>(observable: Observable<T>): Promise<T> => firstValueFrom(observable);
export const failure = (observable: Observable<unknown>): Promise<ServiceError> =>
  lastValueFrom(observable).then(
    () => Promise.reject(new Error('expected the call to fail')),
    (error: ServiceError) => error,
  );
/** A streamed download, its chunks concatenated. */
export const download = async (observable: Observable<{ data: Uint8Array }>): Promise<{ chunks: number; bytes: Buffer }> => {
  const chunks = await lastValueFrom(observable.pipe(toArray()));
  return { chunks: chunks.length, bytes: Buffer.concat(chunks.map((chunk) => Buffer.from(chunk.data))) };
};

export const as = (who: Principal, language?: string): Metadata => {
  const metadata = principalMetadata(who);
  if (language) metadata.set('accept-language', language);
  return metadata;
};

/**
 * The analytics in a service over a fresh database, beside the real dialer (the DialingModule, its
 * audiences played by a fake gRPC server and call-control by the test publishing call events on
 * the embedded bus), on loopback ports. Campaigns are created by appending their events, as the
 * lifecycle would; `seed` writes dialer rows directly (shapes of dialing.migrations) for figures
 * at chosen instants.
 */
export async function startAnalytics(prefix: string, serverUrl: string, segments: Record<string, audiencesV1.SegmentContact[]> = {}) {
  const database = await createTestDatabase(serverUrl, prefix);
  const pool = new Pool({ connectionString: database.url, max: 4, options: '-c search_path=campaigns' });
  const audiences: FakeAudiences = await startFakeAudiences(segments);
  const service: RunningService = await startService(
    { name: 'campaigns', module: AnalyticsHostModule, configSchema: campaignsConfigSchema.extend(dialingConfigShape), grpc: { packages: [analyticsPackage] } },
    { DATABASE_URL: database.url, BUS: 'embedded', AUDIENCES_GRPC_URL: audiences.url, DIALER_STEP_MS: '50', HTTP_HOST: '127.0.0.1', HTTP_PORT: '0', GRPC_HOST: '127.0.0.1', GRPC_PORT: '0', LOG_LEVEL: 'warn' },
  );
  const store = await PostgresEventStore.connect({ pool, schema: 'campaigns', migrate: false });
  const callControl = await PostgresIntegrationBus.connect({ pool, schema: CALL_CONTROL_BUS_SCHEMA });
  const projects = await ProjectsStandIn.connect(pool, 'campaigns');
  const grpc: GrpcClient<AnalyticsClient> = createGrpcClient<AnalyticsClient>({
    url: service.grpcUrl,
    grpcPackage: analyticsPackage,
    service: campaignsV1.CAMPAIGN_ANALYTICS_SERVICE_NAME,
    deadlineMs: 30_000,
  });
  const marketer = aPrincipal('marketer');

  /** A created campaign of `projectId` (listed with its name and settings, as the list read model would have it). */
  const createCampaign = async (projectId: string, options: { name?: string; settings?: Partial<CampaignSettings>; start?: boolean } = {}): Promise<string> => {
    const campaignId = randomUUID();
    const settings = dialerSettings({ name: options.name ?? 'Кампания', ...options.settings });
    const now = new Date();
    const events: CampaignEvent[] = [{ type: 'CampaignCreated', data: { campaignId, projectId, settings, createdAt: now, copiedFrom: null, templateId: null } }];
    if (options.start) {
      events.push({ type: 'CampaignScheduled', data: { campaignId, startsAt: now, scheduledAt: now } }, { type: 'CampaignStarted', data: { campaignId, startedAt: now } });
    }
    await store.appendToStream(campaignStreamId(campaignId), events);
    await pool.query(
      `INSERT INTO campaign_list (campaign_id, project_id, name, status, archived, settings, progress, created_at, revision)
       VALUES ($1, $2, $3, 'Draft', false, $4, '{}', $5, 0)`,
      [campaignId, projectId, settings.name, JSON.stringify(settings), now],
    );
    return campaignId;
  };

  /** call-control's CallEnded for an attempt (its call id is the attempt id, as call-control makes it). */
  const endCall = (campaignId: string, attemptId: string, outcome: callControlV1.CallOutcome, extra: Partial<callControlV1.CallEnded> = {}): Promise<void> => {
    const endedAt = extra.endedAt ?? new Date();
    const message: IntegrationMessage = {
      messageId: `CallEnded:${attemptId}`,
      topic: CALL_EVENTS_TOPIC,
      key: campaignId,
      type: 'zvonar.callcontrol.v1.CallEnded',
      payload: callControlV1.CallEnded.encode({ ...callControlV1.CallEnded.decode(new Uint8Array(0)), callId: attemptId, attemptId, campaignId, outcome, endedAt, ...extra }).finish(),
      occurredAt: endedAt,
      headers: {},
    };
    return callControl.publish([message]).then(() => undefined);
  };

  return {
    client: grpc.service,
    pool,
    store,
    projects,
    marketer,
    audiences,
    createCampaign,
    endCall,
    /** A project of the marketer, once the access read model knows it. */
    project: () => projects.create({ owner: marketer }),
    stop: async () => {
      grpc.close();
      await service.shutdown();
      await projects.close();
      await callControl.close();
      await store.close();
      await audiences.stop();
      await pool.end();
      await database.drop();
    },
  };
}

export type AnalyticsStand = Awaited<ReturnType<typeof startAnalytics>>;
