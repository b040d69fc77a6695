export { KafkaIntegrationBus, type KafkaBusOptions, type BusLogger } from './kafka.integration-bus';
export { KafkaHeaders } from './kafka.message-codec';
export type { TopicSettings } from './kafka.topics';
