import type { IntegrationEventPublisher, IntegrationEventSubscriber } from '@zvonar/messaging';
import { KafkaIntegrationBus, type BusLogger } from '@zvonar/messaging-kafka';
import { PostgresIntegrationBus } from '@zvonar/messaging-postgres';
import { ConfigError } from '@zvonar/platform';
import type { Pool } from 'pg';
import { OutboxRelay, type OutboxLogger, type OutboxRelayOptions } from './outbox.relay';

export type IntegrationBus = IntegrationEventPublisher & IntegrationEventSubscriber & { close(): Promise<void> };

export type IntegrationBusConfig = {
  /** Names the service in configuration errors; the Kafka client id. */
  readonly service: string;
  /** embedded: the bus log in `schema` of `pool` (all-in-one); kafka: the brokers of KAFKA_BROKERS. */
  readonly BUS: 'embedded' | 'kafka';
  readonly KAFKA_BROKERS?: readonly string[] | undefined;
  readonly pool: Pool;
  readonly schema: string;
  readonly logger?: BusLogger;
  /** Kafka: topics this service publishes, created (with their dead-letter topics) if missing; the producer does not create topics. */
  readonly topics?: readonly string[];
  /**
   * Embedded: false when `schema` is another service's log that this one only reads; creating it
   * from here would race that service's own CREATE SCHEMA. Default true.
   */
  readonly migrate?: boolean;
};

/**
 * Checks the choice now, so a service with BUS=kafka and no KAFKA_BROKERS fails its boot with a
 * ConfigError naming the variable, and returns the function that opens the bus (the relay calls
 * it, and calls it again while the bus is down).
 */
export function integrationBusConnector(config: IntegrationBusConfig): () => Promise<IntegrationBus> {
  if (config.BUS === 'embedded') return () => PostgresIntegrationBus.connect({ pool: config.pool, schema: config.schema, migrate: config.migrate ?? true });
  const brokers = config.KAFKA_BROKERS;
  if (!brokers || brokers.length === 0) throw new ConfigError(config.service, [{ variable: 'KAFKA_BROKERS', problem: 'is required when BUS=kafka' }]);
  return async () => {
    const bus = await KafkaIntegrationBus.connect({ brokers, clientId: config.service, ...(config.logger ? { logger: config.logger } : {}) });
    try {
      if (config.topics && config.topics.length > 0) await bus.ensureTopics(config.topics);
    } catch (error) {
      await bus.close().catch(() => undefined);
      throw error;
    }
    return bus;
  };
}

/** The integration bus chosen by BUS: the embedded PostgreSQL log or Kafka. */
export async function createIntegrationBus(config: IntegrationBusConfig): Promise<IntegrationBus> {
  return integrationBusConnector(config)();
}

/**
 * A service's outbox relay to the bus chosen by BUS, for its composition root: a missing
 * KAFKA_BROKERS fails the boot, a bus that is down does not (the relay connects in the background
 * and the messages wait). As a Nest provider it starts with the app and stops, then closes the
 * bus, before the platform closes the pool.
 */
export function relayToIntegrationBus(
  config: IntegrationBusConfig & { readonly logger: BusLogger & OutboxLogger },
  tuning: Pick<OutboxRelayOptions, 'pollIntervalMs' | 'maxBackoffMs' | 'batchSize'> = {},
): OutboxRelay {
  return new OutboxRelay({ pool: config.pool, schema: config.schema, logger: config.logger, connect: integrationBusConnector(config), ...tuning });
}
