import { integrationTopic } from '@zvonar/messaging';
import { KafkaIntegrationBus } from '@zvonar/messaging-kafka';
import { grpcUrlVariable } from '@zvonar/platform';
import { ServiceProcess, type ServicePorts } from '../service-process';

/** The services of the journey, each its own process; the gateway is the only one the spec talks to. */
export const JOURNEY_SERVICES = ['identity', 'projects', 'scenarios', 'audiences', 'campaigns', 'call-control', 'gateway'] as const;
export type JourneyService = (typeof JOURNEY_SERVICES)[number];

export interface DistributedPlatformOptions {
  readonly databaseUrl: string;
  readonly kafkaBrokers: string;
  /** Consumer groups of this run only: another run on the same broker must not take its partitions. */
  readonly consumerGroupPrefix: string;
  /** The ARI simulator's base URL (call-control's TELEPHONY=ari). */
  readonly ariUrl: string;
  /** Seven processes booting at once on a busy machine may take minutes to be ready. */
  readonly readyTimeoutMs?: number;
}

/** The journey's integration topics: [service, category] of `zvonar.<service>.<category>.v1`. */
const JOURNEY_TOPICS = [
  ['identity', 'user'],
  ['projects', 'project'],
  ['projects', 'invitation'],
  ['scenarios', 'scenario'],
  ['audiences', 'blacklist'],
  ['campaigns', 'campaign'],
  ['call-control', 'place-call'],
  ['call-control', 'call'],
] as const;

/**
 * Services started side by side race to create the topics they share; the one that finds a topic
 * already created may subscribe before its partition has a leader ("This server does not host
 * this topic-partition") and never becomes ready (seen with audiences on the call topic). Topics
 * made before the start, as a cluster's operator declares them, avoid the race.
 */
async function createTopics(brokers: string): Promise<void> {
  const bus = await KafkaIntegrationBus.connect({ brokers: brokers.split(','), clientId: 'e2e-first-campaign-topics' });
  try {
    await bus.ensureTopics(JOURNEY_TOPICS.map(([service, category]) => integrationTopic({ service, category, version: 1 })));
  } finally {
    await bus.close();
  }
}

/**
 * The distributed mode on loopback, as `tools/run/distributed.mjs` starts it: every service a Node
 * process over one PostgreSQL (a schema each) and Kafka (`BUS=kafka`), told where every other one
 * listens (`<NAME>_GRPC_URL`) before any starts; call-control on ARI, numbers routed into the
 * simulator's loop trunk. Identity and the gateway keep the dev outbox route (DEPLOYMENT unset):
 * the journey confirms its account through it, as in the embedded mode.
 */
export async function startDistributedPlatform(options: DistributedPlatformOptions): Promise<Record<JourneyService, ServiceProcess>> {
  const ports = new Map<JourneyService, ServicePorts>();
  for (const service of JOURNEY_SERVICES) ports.set(service, await ServiceProcess.freePorts());
  const grpcUrls = Object.fromEntries(JOURNEY_SERVICES.map((service) => [grpcUrlVariable(service), `127.0.0.1:${ports.get(service)!.grpc}`]));
  const common = {
    DATABASE_URL: options.databaseUrl,
    KAFKA_BROKERS: options.kafkaBrokers,
    BUS: 'kafka',
    CONSUMER_GROUP_PREFIX: options.consumerGroupPrefix,
    LOG_LEVEL: 'warn',
    // Cheap password hashing and a fixed token key, as identity's own specs use (never in production).
    ARGON2_MEMORY_KIB: '256',
    ARGON2_ITERATIONS: '1',
    ACCESS_TOKEN_SECRET: 'first-campaign-e2e-secret-0123456789abcdef',
    ...grpcUrls,
  };
  const own: Record<JourneyService, Record<string, string>> = {
    identity: {},
    projects: {},
    scenarios: {},
    audiences: {},
    // A launched campaign starts at the next poll; the default 5 s is for production. A call lost
    // to the kill is retried after 2 s instead of a minute.
    campaigns: { CAMPAIGN_START_POLL_MS: '500', DIALER_INTERRUPTED_RETRY_DELAY_MS: '2000' },
    'call-control': {
      TELEPHONY: 'ari',
      ARI_URL: options.ariUrl,
      ARI_USERNAME: 'asterisk',
      ARI_PASSWORD: 'asterisk',
      ARI_DIAL_TEMPLATE: 'PJSIP/{number}@loop',
      // A killed process is known gone within seconds, and its open calls ended soon after.
      HOST_TTL_MS: '2000',
      ORPHAN_SWEEP_INTERVAL_MS: '500',
    },
    // The spec polls the report and pages through hundreds of calls.
    gateway: { RATE_LIMIT_PER_IP_PER_MINUTE: '20000', RATE_LIMIT_PER_ACCOUNT_PER_MINUTE: '20000' },
  };
  await createTopics(options.kafkaBrokers);
  const starts = await Promise.allSettled(JOURNEY_SERVICES.map((service) => ServiceProcess.start(service, { ...common, ...own[service] }, ports.get(service), options.readyTimeoutMs)));
  const started = starts.flatMap((start) => (start.status === 'fulfilled' ? [start.value] : []));
  const failed = starts.flatMap((start) => (start.status === 'rejected' ? [start.reason as unknown] : []));
  if (failed.length > 0) {
    // Nothing may outlive a failed start: the ones that came up go down again.
    await Promise.all(started.map((process) => process.stop()));
    throw failed[0];
  }
  return Object.fromEntries(started.map((process) => [process.name, process])) as Record<JourneyService, ServiceProcess>;
}

/** The last lines of every process's output, for a failure's message. */
export const platformLog = (platform: Partial<Record<JourneyService, ServiceProcess>>): string =>
  Object.values(platform)
    .map((process) => `--- ${process.name} ---\n${process.log()}`)
    .join('\n');
