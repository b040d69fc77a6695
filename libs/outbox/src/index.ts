export { outboxMigration } from './outbox.migration';
export { writeAllToOutbox, writeToOutbox } from './outbox.writer';
export { OutboxRelay, type OutboxRelayOptions, type OutboxPublisher, type OutboxLogger } from './outbox.relay';
export { createIntegrationBus, integrationBusConnector, relayToIntegrationBus, type IntegrationBus, type IntegrationBusConfig } from './integration-bus.factory';
export { BackgroundSubscription, type BackgroundSubscriptionOptions } from './background-subscription';
