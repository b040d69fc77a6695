import { describeIntegrationBusContract } from '@zvonar/messaging/src/testing';
import { createTestDatabase, describeWithPostgres } from '@zvonar/testing';
import { PostgresIntegrationBus } from './postgres.integration-bus';

describeWithPostgres('PostgresIntegrationBus', (serverUrl) => {
  describeIntegrationBusContract(
    'PostgresIntegrationBus',
    async () => {
      const database = await createTestDatabase(serverUrl, 'zt_bus');
      const bus = await PostgresIntegrationBus.connect({ connectionString: database.url, schema: 'calls', partitions: 4, pollIntervalMs: 200 });
      return {
        publisher: bus,
        subscriber: bus,
        createTopics: async () => undefined,
        close: async () => {
          await bus.close();
          await database.drop();
        },
      };
    },
    { timeoutMs: 15_000 },
  );
});
