import { describeIntegrationBusContract } from '@zvonar/messaging/src/testing';
import { describeWithKafka } from '@zvonar/testing';
import { KafkaIntegrationBus } from './kafka.integration-bus';

describeWithKafka('KafkaIntegrationBus', (brokers) => {
  describeIntegrationBusContract(
    'KafkaIntegrationBus',
    async () => {
      const bus = await KafkaIntegrationBus.connect({ brokers: brokers.split(','), clientId: 'contract', topicDefaults: { partitions: 4 } });
      return { publisher: bus, subscriber: bus, createTopics: (topics) => bus.ensureTopics(topics), close: () => bus.close() };
    },
    { timeoutMs: 30_000 },
  );
});
