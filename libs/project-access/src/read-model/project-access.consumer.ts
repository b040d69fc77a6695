import { keepJoining, oncePerMessage, type IntegrationConsumer } from '@zvonar/messaging';
import { PostgresIdempotentConsumer } from '@zvonar/messaging-postgres';
import { createIntegrationBus, type IntegrationBus } from '@zvonar/outbox';
import { ConfigError } from '@zvonar/platform';
import type { Pool, PoolClient } from 'pg';
import type { Logger } from 'pino';
import { applyProjectEvent } from './project-access.projection';
import { decodeProjectEvent, PROJECT_TOPIC, type ProjectEvent } from './project-events';

/** The embedded bus keeps each producer's log in the producer's schema: project events are in `projects`. */
export const PROJECTS_BUS_SCHEMA = 'projects';
/** The consumer's name in processed_messages. */
export const PROJECT_ACCESS_CONSUMER = 'project-access';

export type ProjectAccessConsumerOptions = {
  /** The consuming service: names its consumer group and its Kafka client. */
  readonly service: string;
  /** The service's pool (its schema first on the search_path) holding the read model. */
  readonly pool: Pool;
  /** The service's own schema, where processed_messages lives. */
  readonly schema: string;
  readonly BUS: 'embedded' | 'kafka';
  readonly KAFKA_BROKERS?: readonly string[] | undefined;
  /** Consumer groups are `<prefix>-project-access`; the service name unless given. */
  readonly groupPrefix?: string;
  readonly logger: Logger;
};

/**
 * Keeps a service's project-access read model from the project events. Delivery is
 * at-least-once; the message id is recorded in the transaction that changes the read model, so a
 * redelivery changes nothing.
 */
export class ProjectAccessConsumer {
  private bus: IntegrationBus | undefined;
  private consumer: IntegrationConsumer | undefined;
  private readonly stopping = new AbortController();

  constructor(private readonly options: ProjectAccessConsumerOptions) {}

  get joined(): boolean {
    return this.consumer !== undefined;
  }

  /**
   * Joins, and tries again with a growing pause while the bus cannot take the member (Kafka down,
   * a fresh cluster without a group coordinator yet); resolves once joined, or once stopped.
   */
  async keepJoining({ initialBackoffMs = 200, maxBackoffMs = 10_000 } = {}): Promise<void> {
    await keepJoining(() => this.start(), {
      signal: this.stopping.signal,
      initialBackoffMs,
      maxBackoffMs,
      // A configuration mistake does not heal by waiting.
      fatal: (error) => error instanceof ConfigError,
      onRetry: (error, retryInMs) => this.options.logger.warn({ err: error, retryInMs }, 'project-access consumer could not join; retrying'),
    });
  }

  /** One attempt to join; resolves once the member has joined its group. */
  async start(): Promise<void> {
    const { service, pool, schema, BUS, KAFKA_BROKERS, logger } = this.options;
    const group = `${this.options.groupPrefix ?? service}-${PROJECT_ACCESS_CONSUMER}`;
    const busLogger = {
      error: (object: object, message: string) => logger.error(object, message),
      warn: (object: object, message: string) => logger.warn(object, message),
    };
    const bus = await createIntegrationBus({ service, BUS, KAFKA_BROKERS, pool, schema: PROJECTS_BUS_SCHEMA, logger: busLogger });
    const processed = new PostgresIdempotentConsumer(pool, schema);
    const subscribing = bus.subscribe<ProjectEvent>({
      group,
      topics: [PROJECT_TOPIC],
      decode: decodeProjectEvent,
      handle: oncePerMessage<ProjectEvent, PoolClient>(processed, PROJECT_ACCESS_CONSUMER, (event, _delivery, tx) =>
        applyProjectEvent(tx, event),
      ),
    });
    try {
      this.consumer = await subscribing;
    } catch (error) {
      await bus.close().catch(() => undefined);
      throw error;
    }
    this.bus = bus;
    if (this.stopping.signal.aborted) {
      // stop() ran while this attempt was joining: leave at once instead of leaking the member.
      await this.release();
      return;
    }
    logger.info({ group, topic: PROJECT_TOPIC }, 'project-access consumer joined');
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.release();
  }

  private async release(): Promise<void> {
    await this.consumer?.stop();
    this.consumer = undefined;
    await this.bus?.close();
    this.bus = undefined;
  }
}
