import { Module } from '@nestjs/common';
import { LOGGER, PG_POOL, SERVICE_CONFIG } from '@zvonar/platform';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { CampaignsConfig } from '../campaigns.config';
import { PublishedScenarioVersions } from './published-scenario-versions.reader';
import { PublishedScenariosConsumer, SCENARIO_EVENTS_SUBSCRIBER } from './published-scenarios.consumer';
import { connectScenarioEventsSubscriber } from './scenario-events.subscriber';

/**
 * The published scenario versions campaigns may pin: the consumer that keeps the read model, and
 * the reader the launch check uses. Needs PG_POOL on the campaigns schema with
 * publishedScenariosMigrations applied.
 */
@Module({
  providers: [
    {
      provide: SCENARIO_EVENTS_SUBSCRIBER,
      inject: [SERVICE_CONFIG, PG_POOL, LOGGER],
      useFactory: (config: CampaignsConfig, pool: Pool, logger: Logger) =>
        connectScenarioEventsSubscriber(config, pool, logger),
    },
    {
      provide: PublishedScenarioVersions,
      inject: [PG_POOL],
      useFactory: (pool: Pool) => new PublishedScenarioVersions(pool),
    },
    PublishedScenariosConsumer,
  ],
  exports: [PublishedScenarioVersions],
})
export class PublishedScenariosModule {}
