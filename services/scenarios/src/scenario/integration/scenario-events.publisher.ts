import type { IntegrationEventPublisher } from '@zvonar/messaging';
import { KafkaIntegrationBus } from '@zvonar/messaging-kafka';
import { PostgresIntegrationBus } from '@zvonar/messaging-postgres';
import { ConfigError } from '@zvonar/platform';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { ScenariosConfig } from '../../config/scenarios.config';
import { SCENARIO_TOPIC } from './scenario-version-published.outbox';

// The bus calls these detached from the logger; pino's methods need their `this`.
const busLogger = (logger: Logger) => ({
  error: (object: object, message: string) => logger.error(object, message),
  warn: (object: object, message: string) => logger.warn(object, message),
});

export type ClosablePublisher = IntegrationEventPublisher & { close(): Promise<void> };

/**
 * The bus the outbox relay publishes to, chosen by BUS. Embedded: the log lives in this service's
 * schema, where consumers in the same database read it. Kafka: the topic (and its dead-letter
 * topic) is created if missing, since the producer does not create topics.
 */
export async function connectScenarioEventsPublisher(
  config: ScenariosConfig,
  pool: Pool,
  logger: Logger,
): Promise<ClosablePublisher> {
  if (config.BUS === 'embedded') return PostgresIntegrationBus.connect({ pool, schema: 'scenarios' });
  if (!config.KAFKA_BROKERS)
    throw new ConfigError('scenarios', [{ variable: 'KAFKA_BROKERS', problem: 'is required when BUS=kafka' }]);
  const bus = await KafkaIntegrationBus.connect({
    brokers: config.KAFKA_BROKERS,
    clientId: 'scenarios',
    logger: busLogger(logger),
  });
  await bus.ensureTopics([SCENARIO_TOPIC]);
  return bus;
}
