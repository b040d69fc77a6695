import { Metadata, type ServiceError } from '@grpc/grpc-js';
import type { IntegrationMessage } from '@zvonar/messaging';
import { PostgresIntegrationBus } from '@zvonar/messaging-postgres';
import { createGrpcClient, startService, type GrpcClient, type RunningService } from '@zvonar/platform';
import { principalMetadata, type Principal } from '@zvonar/project-access';
import { aPrincipal, ProjectsStandIn } from '@zvonar/project-access/src/testing';
import { scenariosV1 } from '@zvonar/proto-ts';
import { createTestDatabase, eventually } from '@zvonar/testing';
import { Pool } from 'pg';
import { firstValueFrom, type Observable } from 'rxjs';
import { campaignsService } from '../../../campaigns.service';
import { SCENARIO_TOPIC } from '../../../published-scenarios/published-scenarios.consumer';
import { campaignsV1, campaignsV1Package } from '../campaigns.proto';

export type CampaignsClient = campaignsV1.CampaignsServiceClient;

export const call = <T>(observable: Observable<T>): Promise<T> => firstValueFrom(observable);

/** The status of a call that must fail; a success fails the test. */
export const failure = (observable: Observable<unknown>): Promise<ServiceError> =>
  firstValueFrom(observable).then(
    () => Promise.reject(new Error('expected the call to fail')),
    (error: ServiceError) => error,
  );

/** Call metadata asking for English messages. */
export const inEnglish = (): Metadata => {
  const metadata = new Metadata();
  metadata.set('accept-language', 'en-US,en;q=0.9');
  return metadata;
};

/**
 * The client as `who`: every call carries their principal, as the gateway forwards it, merged with
 * whatever metadata the test adds (its language).
 */
export const clientAs = (client: CampaignsClient, who: Principal): CampaignsClient =>
  new Proxy(client, {
    get: (target, method) => {
      const original: unknown = Reflect.get(target, method);
      if (typeof original !== 'function') return original;
      return (request: unknown, metadata?: Metadata) => {
        const merged = principalMetadata(who);
        if (metadata) merged.merge(metadata);
        return (original as (request: unknown, metadata: Metadata) => unknown).call(target, request, merged);
      };
    },
  });

/**
 * The campaigns service on a fresh database, on loopback ports, with a real gRPC client; the test
 * plays the scenarios service by publishing ScenarioVersionPublished on its embedded bus, and the
 * projects service by publishing a project's creation (ProjectsStandIn). `client` calls as the
 * marketer who owns every project the spec makes with `project()`; `anonymous` sends no principal.
 * `env` adds to (or overrides) the service's environment.
 */
export async function startCampaigns(prefix: string, serverUrl: string, env: Record<string, string> = {}) {
  const database = await createTestDatabase(serverUrl, prefix);
  const pool = new Pool({ connectionString: database.url, max: 4 });
  const scenariosBus = await PostgresIntegrationBus.connect({ pool, schema: 'scenarios' });
  const service: RunningService = await startService(campaignsService, {
    DATABASE_URL: database.url,
    BUS: 'embedded',
    // The dialer's audiences client: nothing listens there, so a started campaign loads no
    // contacts and the dialer adds no events to the lifecycle these specs check.
    AUDIENCES_GRPC_URL: '127.0.0.1:9',
    HTTP_HOST: '127.0.0.1',
    HTTP_PORT: '0',
    GRPC_HOST: '127.0.0.1',
    GRPC_PORT: '0',
    LOG_LEVEL: 'warn',
    ...env,
  });
  const projects = await ProjectsStandIn.connect(pool, 'campaigns');
  const marketer = aPrincipal('marketer');
  const grpc: GrpcClient<CampaignsClient> = createGrpcClient<CampaignsClient>({
    url: service.grpcUrl,
    grpcPackage: campaignsV1Package,
    service: campaignsV1.CAMPAIGNS_SERVICE_NAME,
    deadlineMs: 10_000,
  });
  const client = clientAs(grpc.service, marketer);

  /** A project of the marketer (a fresh id unless named), once campaigns' access read model knows it. */
  const project = (projectId?: string): Promise<string> => projects.create({ owner: marketer, ...(projectId ? { projectId } : {}) });

  /** Publishes a scenario version of `projectId` and waits until campaigns' read model has it. */
  const publishScenarioVersion = async (scenarioId: string, version: number, projectId: string) => {
    const publishedAt = new Date('2026-03-01T10:00:00Z');
    const message: IntegrationMessage = {
      messageId: `ScenarioVersionPublished:${scenarioId}:${version}`,
      topic: SCENARIO_TOPIC,
      key: scenarioId,
      type: 'zvonar.scenarios.v1.ScenarioVersionPublished',
      payload: scenariosV1.ScenarioVersionPublished.encode({ scenarioId, projectId, version, name: 'Опрос', publishedAt, nodeCount: 3 }).finish(),
      occurredAt: publishedAt,
      headers: {},
    };
    await scenariosBus.publish([message]);
    await eventually(
      async () =>
        ((await pool.query('SELECT 1 FROM campaigns.published_scenario_versions WHERE scenario_id = $1 AND version = $2', [scenarioId, version])).rowCount ?? 0) > 0,
      { what: `${scenarioId} v${version} in the published-scenarios read model` },
    );
  };

  /** GetCampaign once the list read model has caught up with `until`. */
  const readModel = (campaignId: string, until: (campaign: campaignsV1.Campaign) => boolean) =>
    eventually(
      async () => {
        const answer = await call(client.getCampaign({ campaignId })).catch(() => undefined);
        return answer?.campaign && until(answer.campaign) ? answer.campaign : undefined;
      },
      { what: `campaign ${campaignId} in the read model` },
    );

  return {
    service,
    client,
    anonymous: grpc.service,
    marketer,
    project,
    projects,
    pool,
    databaseUrl: database.url,
    publishScenarioVersion,
    readModel,
    stop: async () => {
      grpc.close();
      await service.shutdown();
      await projects.close();
      await scenariosBus.close();
      await pool.end();
      await database.drop();
    },
  };
}

export type StartedCampaigns = Awaited<ReturnType<typeof startCampaigns>>;
