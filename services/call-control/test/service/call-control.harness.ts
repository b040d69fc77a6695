import type { IntegrationConsumer } from '@zvonar/messaging';
import { PostgresIntegrationBus } from '@zvonar/messaging-postgres';
import { createGrpcClient, startService, type GrpcClient, type RunningService } from '@zvonar/platform';
import { callControlV1, callControlV1Package } from '@zvonar/proto-ts';
import { createTestDatabase, eventually } from '@zvonar/testing';
import { randomUUID } from 'node:crypto';
import { ProjectsStandIn } from '@zvonar/project-access/src/testing';
import { Pool } from 'pg';
import type { ScenarioVersion } from '@zvonar/scenario-runtime';
import { startScenariosDouble, type ScenariosDouble } from './scenarios-grpc.double';
import type { ClosablePublisher, ClosableSubscriber } from '../../src/call-control.di-tokens';
import { callControlService } from '../../src/call-control.service';
import {
  CALL_CONTROL_SCHEMA,
  CALL_TOPIC,
  PLACE_CALL_BUS_SCHEMA,
  PLACE_CALL_TOPIC,
} from '../../src/placing/place-call.topics';

export type CallsClient = GrpcClient<callControlV1.CallsServiceClient>;

/** call-control on loopback ports in this process, with a real gRPC client. */
export async function startCallControl(
  env: Record<string, string>,
): Promise<{ service: RunningService; client: CallsClient['service']; stop(): Promise<void> }> {
  const service = await startService(callControlService, {
    HTTP_HOST: '127.0.0.1',
    HTTP_PORT: '0',
    GRPC_HOST: '127.0.0.1',
    GRPC_PORT: '0',
    LOG_LEVEL: 'warn',
    SHUTDOWN_TIMEOUT_MS: '2000',
    ...env,
  });
  const client = createGrpcClient<callControlV1.CallsServiceClient>({
    url: service.grpcUrl,
    grpcPackage: callControlV1Package,
    service: callControlV1.CALLS_SERVICE_NAME,
    deadlineMs: 10_000,
  });
  return {
    service,
    client: client.service,
    stop: async () => {
      client.close();
      await service.shutdown();
    },
  };
}

export { call, failure } from '@zvonar/testing';

/** The embedded buses: campaigns' log (PlaceCall) and call-control's (call events). */
export const embeddedBuses = async (
  pool: Pool,
): Promise<{ campaigns: PostgresIntegrationBus; callControl: PostgresIntegrationBus }> => ({
  campaigns: await PostgresIntegrationBus.connect({ pool, schema: PLACE_CALL_BUS_SCHEMA }),
  callControl: await PostgresIntegrationBus.connect({ pool, schema: CALL_CONTROL_SCHEMA }),
});

/** What campaigns does: PlaceCall on the bus, keyed by campaign id. */
export function placeCallPublisher(bus: ClosablePublisher): {
  send(command: Partial<callControlV1.PlaceCall>, headers?: Record<string, string>): Promise<callControlV1.PlaceCall>;
  close(): Promise<void>;
} {
  return {
    async send(partial, headers = {}) {
      const command: callControlV1.PlaceCall = { ...callControlV1.PlaceCall.decode(new Uint8Array()), ...partial };
      await bus.publish([
        {
          messageId: randomUUID(),
          topic: PLACE_CALL_TOPIC,
          key: command.campaignId,
          type: 'zvonar.callcontrol.v1.PlaceCall',
          payload: callControlV1.PlaceCall.encode(command).finish(),
          occurredAt: new Date(),
          headers,
        },
      ]);
      return command;
    },
    close: () => bus.close(),
  };
}

export type ObservedMessage = {
  readonly type: string;
  readonly key: string;
  readonly callId: string;
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string | undefined>>;
};

const decoders: Readonly<Record<string, (payload: Uint8Array) => { callId: string }>> = {
  'zvonar.callcontrol.v1.CallEnded': (payload) => callControlV1.CallEnded.decode(payload),
  'zvonar.callcontrol.v1.PlaceCallRejected': (payload) => callControlV1.PlaceCallRejected.decode(payload),
  'zvonar.callcontrol.v1.GoalReached': (payload) => callControlV1.GoalReached.decode(payload),
  'zvonar.callcontrol.v1.ContactBlacklisted': (payload) => callControlV1.ContactBlacklisted.decode(payload),
  'zvonar.callcontrol.v1.SmsRequested': (payload) => callControlV1.SmsRequested.decode(payload),
  'zvonar.callcontrol.v1.IntegrationRequested': (payload) => callControlV1.IntegrationRequested.decode(payload),
  'zvonar.callcontrol.v1.RecordingStored': (payload) => callControlV1.RecordingStored.decode(payload),
};

/** What a consumer of the call topic (campaigns, billing) receives, decoded. */
export async function callTopicObserver(bus: ClosableSubscriber): Promise<{
  readonly messages: ObservedMessage[];
  of(callId: string, type: string): ObservedMessage[];
  waitFor<T>(callId: string, type: string): Promise<T>;
  close(): Promise<void>;
}> {
  const messages: ObservedMessage[] = [];
  const subscribe = () =>
    bus.subscribe({
      group: `observer-${randomUUID()}`,
      topics: [CALL_TOPIC],
      decode: (payload, message) => {
        const decode = decoders[message.type];
        if (!decode) throw new TypeError(`unexpected ${message.type}`);
        return { type: message.type.replace('zvonar.callcontrol.v1.', ''), key: message.key, body: decode(payload) };
      },
      handle: async (observed, delivery) => {
        messages.push({
          ...observed,
          callId: (observed.body as { callId: string }).callId,
          headers: delivery.message.headers,
        });
      },
    });
  // A broker that just created the topic may not serve it for a moment: join once it does.
  const consumer: IntegrationConsumer = await eventually(() => subscribe().catch(() => undefined), {
    timeoutMs: 30_000,
    intervalMs: 250,
    what: 'joining the call topic',
  });
  const of = (callId: string, type: string) =>
    messages.filter((message) => message.callId === callId && message.type === type);
  return {
    messages,
    of,
    waitFor: async <T>(callId: string, type: string) =>
      (await eventually(() => of(callId, type)[0], { timeoutMs: 20_000, what: `${type} of ${callId}` })).body as T,
    close: async () => {
      await consumer.stop();
      await bus.close();
    },
  };
}

/** Campaigns' side of the embedded bus (it sends PlaceCall) and a consumer of the call topic. */
export async function embeddedParties(
  pool: Pool,
): Promise<{
  publisher: ReturnType<typeof placeCallPublisher>;
  observer: Awaited<ReturnType<typeof callTopicObserver>>;
  close(): Promise<void>;
}> {
  const buses = await embeddedBuses(pool);
  const publisher = placeCallPublisher(buses.campaigns);
  const observer = await callTopicObserver(buses.callControl);
  return {
    publisher,
    observer,
    close: async () => {
      await observer.close();
      await publisher.close();
    },
  };
}

/**
 * What a service spec of call-control stands on: its own database, the scenarios it may run
 * (served by a gRPC double), the service itself, campaigns' side of the embedded bus and projects
 * played by a stand-in. `running` may be replaced by a spec that restarts the service.
 */
export class CallControlStand {
  private constructor(
    private readonly database: { url: string; drop(): Promise<void> },
    readonly pool: Pool,
    readonly scenarios: ScenariosDouble,
    public running: Awaited<ReturnType<typeof startCallControl>>,
    readonly parties: Awaited<ReturnType<typeof embeddedParties>>,
    readonly projects: ProjectsStandIn,
  ) {}

  /** `env` is given the database's and the scenarios double's addresses. */
  static async start(
    serverUrl: string,
    label: string,
    versions: readonly ScenarioVersion[],
    env: (addresses: { DATABASE_URL: string; SCENARIOS_GRPC_URL: string }) => Record<string, string>,
  ): Promise<CallControlStand> {
    const database = await createTestDatabase(serverUrl, label);
    const pool = new Pool({ connectionString: database.url, max: 4 });
    const scenarios = await startScenariosDouble(versions);
    const running = await startCallControl({ BUS: 'embedded', ...env({ DATABASE_URL: database.url, SCENARIOS_GRPC_URL: scenarios.url }) });
    const parties = await embeddedParties(pool);
    const projects = await ProjectsStandIn.connect(pool, CALL_CONTROL_SCHEMA);
    return new CallControlStand(database, pool, scenarios, running, parties, projects);
  }

  get databaseUrl(): string {
    return this.database.url;
  }

  async stop(): Promise<void> {
    await this.projects.close();
    await this.parties.close();
    await this.running.stop();
    await this.scenarios.stop();
    await this.pool.end();
    await this.database.drop();
  }
}
