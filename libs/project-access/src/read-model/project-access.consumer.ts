import { oncePerMessage, type IntegrationConsumer } from '@zvonar/messaging';
import { PostgresIdempotentConsumer } from '@zvonar/messaging-postgres';
import { createIntegrationBus, type IntegrationBus } from '@zvonar/outbox';
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

  constructor(private readonly options: ProjectAccessConsumerOptions) {}

  get joined(): boolean {
    return this.consumer !== undefined;
  }

  /** Resolves once the member has joined its group. */
  async start(): Promise<void> {
    const { service, pool, schema, BUS, KAFKA_BROKERS, logger } = this.options;
    const group = `${this.options.groupPrefix ?? service}-${PROJECT_ACCESS_CONSUMER}`;
    const busLogger = {
      error: (object: object, message: string) => logger.error(object, message),
      warn: (object: object, message: string) => logger.warn(object, message),
    };
    this.bus = await createIntegrationBus({ service, BUS, KAFKA_BROKERS, pool, schema: PROJECTS_BUS_SCHEMA, logger: busLogger });
    const processed = new PostgresIdempotentConsumer(pool, schema);
    this.consumer = await this.bus.subscribe<ProjectEvent>({
      group,
      topics: [PROJECT_TOPIC],
      decode: decodeProjectEvent,
      handle: oncePerMessage<ProjectEvent, PoolClient>(processed, PROJECT_ACCESS_CONSUMER, (event, _delivery, tx) =>
        applyProjectEvent(tx, event),
      ),
    });
    logger.info({ group, topic: PROJECT_TOPIC }, 'project-access consumer joined');
  }

  async stop(): Promise<void> {
    await this.consumer?.stop();
    this.consumer = undefined;
    await this.bus?.close();
    this.bus = undefined;
  }
}
