import { InMemoryIntegrationBus } from './in-memory.integration-bus';
import { describeIntegrationBusContract } from './testing';

describeIntegrationBusContract('InMemoryIntegrationBus', async () => {
  const bus = new InMemoryIntegrationBus({ partitions: 4 });
  return { publisher: bus, subscriber: bus, createTopics: async () => undefined, close: async () => undefined };
});
