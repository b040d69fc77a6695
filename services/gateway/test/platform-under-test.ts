// The gateway's specs drive it against the real identity and scenarios services, hosted in this
// process exactly as the all-in-one mode hosts them (each its own Nest app and gRPC server).
// Only this spec helper imports other services: a spec that composes services is a host, like
// the all-in-one registry; the gateway's own code reaches them through gRPC only.
import { identityService } from '@zvonar/identity';
import { projectsService } from '@zvonar/projects';
import { scenariosService } from '@zvonar/scenarios';
import { grpcUrlVariable, hostServices, startService, TestClock, type HostedServices, type RunningService, type ServiceDefinition } from '@zvonar/platform';
import { createTestDatabase } from '@zvonar/testing';
import { createGatewayService } from '../src/gateway.service';
import { ConformingClient } from './conforming-client';

/** Cheap argon2 (never in production) and a fixed token key, as identity's own specs use. */
const identityTestEnv = {
  ARGON2_MEMORY_KIB: '256',
  ARGON2_ITERATIONS: '1',
  ACCESS_TOKEN_SECRET: 'gateway-int-spec-secret-0123456789abcdef',
};

export interface PlatformUnderTest {
  readonly gateway: RunningService;
  readonly identity: RunningService;
  readonly scenarios: RunningService;
  /** Every hosted service by name. */
  readonly services: ReadonlyMap<string, RunningService>;
  /** The gateway's TestClock (rate limits, key expiry). */
  readonly clock: TestClock;
  /** Another gateway on the same identity and database, with its own settings (and clock). */
  startGateway(env: Record<string, string>, clock?: TestClock): Promise<RunningService>;
  stop(): Promise<void>;
}

/**
 * identity + projects + scenarios (+ `more` services) + gateway on loopback ports over one
 * PostgreSQL database and the embedded bus; the gateway is told where each hosted service listens.
 * Projects is always there: every service that checks project membership learns projects from it.
 */
export async function startPlatform(databaseUrl: string, more: readonly ServiceDefinition[] = []): Promise<PlatformUnderTest> {
  const env = { DATABASE_URL: databaseUrl, BUS: 'embedded', LOG_LEVEL: 'warn', ...identityTestEnv };
  const definitions = [identityService, projectsService, scenariosService, ...more];
  const hosted: HostedServices = await hostServices(definitions.filter((definition, index) => definitions.findIndex((other) => other.name === definition.name) === index), env);
  const services = new Map(hosted.services.map((service) => [service.name, service]));
  const [identity, , scenarios] = hosted.services as [RunningService, RunningService, RunningService];
  const upstreams = Object.fromEntries(hosted.services.map((service) => [grpcUrlVariable(service.name), service.grpcUrl]));
  const clock = new TestClock(new Date());
  const extra: RunningService[] = [];
  const gatewayWith = async (overrides: Record<string, string>, withClock?: TestClock) =>
    startService(createGatewayService(withClock ? { clock: withClock } : {}), {
      ...env,
      ...upstreams,
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: '0',
      GRPC_HOST: '127.0.0.1',
      GRPC_PORT: '0',
      ...overrides,
    });
  const gateway = await gatewayWith({}, clock);
  return {
    gateway,
    identity,
    scenarios,
    services,
    clock,
    startGateway: async (overrides, withClock) => {
      const started = await gatewayWith(overrides, withClock);
      extra.push(started);
      return started;
    },
    stop: async () => {
      await Promise.all([gateway, ...extra].map((service) => service.shutdown()));
      await hosted.shutdown();
    },
  };
}


/** The platform a suite shares, and a client of its gateway that checks answers against the document. */
export interface SuitePlatform {
  readonly platform: PlatformUnderTest;
  readonly api: ConformingClient;
}

/**
 * For a describe block: a database of its own with the platform on it (`more` services hosted
 * too), started before the suite's specs and stopped after them. Read the fields inside specs,
 * once beforeAll has run.
 */
export function platformForSuite(serverUrl: string, databasePrefix: string, more: readonly ServiceDefinition[] = []): SuitePlatform {
  let database: { url: string; drop(): Promise<void> } | undefined;
  let started: SuitePlatform | undefined;
  beforeAll(async () => {
    database = await createTestDatabase(serverUrl, databasePrefix);
    const platform = await startPlatform(database.url, more);
    started = { platform, api: await ConformingClient.of(platform.gateway.httpUrl) };
  }, 90_000);
  afterAll(async () => {
    await started?.platform.stop();
    await database?.drop();
  });
  const running = (): SuitePlatform => {
    if (!started) throw new Error('the suite platform is read before beforeAll started it');
    return started;
  };
  return {
    get platform() {
      return running().platform;
    },
    get api() {
      return running().api;
    },
  };
}
