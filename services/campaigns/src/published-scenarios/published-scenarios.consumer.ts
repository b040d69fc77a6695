import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { integrationTopic, oncePerMessage, type IntegrationConsumer } from '@zvonar/messaging';
import { PostgresIdempotentConsumer } from '@zvonar/messaging-postgres';
import { LOGGER, PG_POOL, Readiness, SERVICE_CONFIG } from '@zvonar/platform';
import { scenariosV1 } from '@zvonar/proto-ts';
import type { Pool, PoolClient } from 'pg';
import type { Logger } from 'pino';
import type { CampaignsConfig } from '../campaigns.config';
import { applyVersionPublished } from './published-scenarios.projection';
import type { ClosableSubscriber } from './scenario-events.subscriber';

export const SCENARIO_EVENTS_SUBSCRIBER = Symbol('SCENARIO_EVENTS_SUBSCRIBER');

/** The scenarios service's topic, named by the shared rule (services never import each other). */
export const SCENARIO_TOPIC = integrationTopic({ service: 'scenarios', category: 'scenario', version: 1 });
/** The idempotent consumer's name in processed_messages, and the group name after the prefix. */
export const PUBLISHED_SCENARIOS_CONSUMER = 'published-scenarios';

/**
 * Keeps `published_scenario_versions` up to date from ScenarioVersionPublished. Delivery is
 * at-least-once; the message id is recorded in the transaction that writes the read model, so a
 * redelivery (after a crash or a rebalance) changes nothing. The service reports ready only once
 * this member has joined its group.
 */
@Injectable()
export class PublishedScenariosConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private consumer: IntegrationConsumer | undefined;
  private joining: Promise<void> | undefined;

  constructor(
    @Inject(SCENARIO_EVENTS_SUBSCRIBER) private readonly bus: ClosableSubscriber,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(SERVICE_CONFIG) private readonly config: CampaignsConfig,
    private readonly readiness: Readiness,
  ) {}

  onApplicationBootstrap(): void {
    const processed = new PostgresIdempotentConsumer(this.pool, 'campaigns');
    const group = `${this.config.CONSUMER_GROUP_PREFIX}-${PUBLISHED_SCENARIOS_CONSUMER}`;
    this.readiness.register('published-scenarios-consumer', async () => this.consumer !== undefined);
    // Joining a Kafka group can wait for a dead member's session to expire; the service starts
    // meanwhile and reports not ready until this member owns its partitions.
    this.joining = this.bus
      .subscribe({
        group,
        topics: [SCENARIO_TOPIC],
        decode: (payload) => scenariosV1.ScenarioVersionPublished.decode(payload),
        handle: oncePerMessage<scenariosV1.ScenarioVersionPublished, PoolClient>(
          processed,
          PUBLISHED_SCENARIOS_CONSUMER,
          async (event, delivery, tx) => {
            if (!event.publishedAt)
              throw new TypeError(`ScenarioVersionPublished ${delivery.message.messageId} has no publishedAt`);
            await applyVersionPublished(tx, { ...event, publishedAt: event.publishedAt }, delivery.message.messageId);
          },
        ),
      })
      .then(
        (consumer) => {
          this.consumer = consumer;
          this.logger.info({ group, topic: SCENARIO_TOPIC }, 'published-scenarios consumer joined');
        },
        (error: unknown) => this.logger.error({ err: error }, 'published-scenarios consumer could not subscribe'),
      );
  }

  async onModuleDestroy(): Promise<void> {
    await this.joining;
    await this.consumer?.stop();
    await this.bus.close();
  }
}
