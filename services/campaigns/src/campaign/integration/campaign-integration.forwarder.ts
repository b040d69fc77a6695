import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { EventStore, Subscription } from '@zvonar/eventsourcing';
import { startIntegrationForwarder, type IntegrationMessage } from '@zvonar/messaging';
import { integrationBusConnector, type IntegrationBus } from '@zvonar/outbox';
import { LOGGER, PG_POOL, SERVICE_CONFIG } from '@zvonar/platform';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { CampaignsConfig } from '../../campaigns.config';
import { CAMPAIGN_EVENTS } from '../application/campaign-events.port';
import { CAMPAIGN_TOPIC, campaignIntegrationEvents } from './campaign.integration-events';

/** The forwarder's durable subscriber id (its checkpoint is in campaigns.subscription_checkpoints). */
export const CAMPAIGN_FORWARDER_SUBSCRIBER = 'campaign-integration-forwarder';

/**
 * Publishes the campaign lifecycle facts to zvonar.campaigns.campaign.v1 from a checkpointed
 * subscription on the campaign streams: the request path never touches the bus. The bus is opened
 * on first use and again after a failure, so a bus that is down delays the facts (the subscription
 * retries with backoff from its checkpoint) and never fails the boot or loses one.
 */
@Injectable()
export class CampaignIntegrationForwarder implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly connect: () => Promise<IntegrationBus>;
  private bus: Promise<IntegrationBus> | undefined;
  private subscription: Subscription | undefined;

  constructor(
    @Inject(CAMPAIGN_EVENTS) private readonly store: EventStore,
    @Inject(PG_POOL) pool: Pool,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(SERVICE_CONFIG) config: CampaignsConfig,
  ) {
    // Checks BUS/KAFKA_BROKERS now: a wrong choice fails the boot with a ConfigError.
    this.connect = integrationBusConnector({
      service: 'campaigns',
      BUS: config.BUS,
      KAFKA_BROKERS: config.KAFKA_BROKERS,
      pool,
      schema: 'campaigns',
      topics: [CAMPAIGN_TOPIC],
      logger: { error: (object, message) => logger.error(object, message), warn: (object, message) => logger.warn(object, message) },
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    this.subscription = startIntegrationForwarder({
      store: this.store,
      subscriberId: CAMPAIGN_FORWARDER_SUBSCRIBER,
      categories: ['campaign'],
      map: campaignIntegrationEvents,
      publisher: { publish: (messages: readonly IntegrationMessage[]) => this.publish(messages) },
    });
    await this.subscription.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.subscription?.stop();
    const bus = await this.bus?.catch(() => undefined);
    await bus?.close();
  }

  private async publish(messages: readonly IntegrationMessage[]): Promise<void> {
    this.bus ??= this.connect();
    try {
      await (await this.bus).publish(messages);
    } catch (error) {
      // A broken or unreachable bus is opened again on the next try.
      const broken = this.bus;
      this.bus = undefined;
      void broken.then((bus) => bus.close()).catch(() => undefined);
      this.logger.warn({ err: error, messages: messages.length }, 'campaign facts not published yet; retrying');
      throw error;
    }
  }
}
