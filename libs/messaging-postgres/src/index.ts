export { PostgresIntegrationBus, type PostgresBusOptions } from './postgres.integration-bus';
export { PostgresIdempotentConsumer } from './postgres.idempotent-consumer';
export { migrateMessaging } from './postgres.messaging-schema';
export { withTransaction } from './postgres.transaction';
