import type { IntegrationEventSubscriber } from '@zvonar/messaging';
import { KafkaIntegrationBus } from '@zvonar/messaging-kafka';
import { PostgresIntegrationBus } from '@zvonar/messaging-postgres';
import { ConfigError } from '@zvonar/platform';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { CampaignsConfig } from '../campaigns.config';

// The bus calls these detached from the logger; pino's methods need their `this`.
const busLogger = (logger: Logger) => ({
  error: (object: object, message: string) => logger.error(object, message),
  warn: (object: object, message: string) => logger.warn(object, message),
});

export type ClosableSubscriber = IntegrationEventSubscriber & { close(): Promise<void> };

/** The embedded bus keeps each producer's log in the producer's schema: scenarios' events are in `scenarios`. */
const SCENARIOS_BUS_SCHEMA = 'scenarios';

/** Where campaigns reads the scenarios service's integration events, chosen by BUS. */
export async function connectScenarioEventsSubscriber(
  config: CampaignsConfig,
  pool: Pool,
  logger: Logger,
): Promise<ClosableSubscriber> {
  if (config.BUS === 'embedded') return PostgresIntegrationBus.connect({ pool, schema: SCENARIOS_BUS_SCHEMA });
  if (!config.KAFKA_BROKERS)
    throw new ConfigError('campaigns', [{ variable: 'KAFKA_BROKERS', problem: 'is required when BUS=kafka' }]);
  return KafkaIntegrationBus.connect({
    brokers: config.KAFKA_BROKERS,
    clientId: 'campaigns',
    logger: busLogger(logger),
  });
}
