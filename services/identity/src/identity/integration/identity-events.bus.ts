import { KafkaIntegrationBus } from '@zvonar/messaging-kafka';
import { PostgresIntegrationBus } from '@zvonar/messaging-postgres';
import { ConfigError } from '@zvonar/platform';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { IdentityConfig } from '../../config/identity.config';
import type { ClosablePublisher } from './outbox.forwarder';
import { USER_TOPIC } from './user-registered.outbox';

/** The bus identity's outbox forwarder publishes to, chosen by BUS. */
export async function connectIdentityBus(config: IdentityConfig, pool: Pool, logger: Logger): Promise<ClosablePublisher> {
  if (config.BUS === 'embedded') return PostgresIntegrationBus.connect({ pool, schema: 'identity' });
  if (!config.KAFKA_BROKERS) throw new ConfigError('identity', [{ variable: 'KAFKA_BROKERS', problem: 'is required when BUS=kafka' }]);
  const kafka = await KafkaIntegrationBus.connect({ brokers: config.KAFKA_BROKERS, clientId: 'identity', logger });
  // The producer does not create topics.
  await kafka.ensureTopics([USER_TOPIC]);
  return kafka;
}
