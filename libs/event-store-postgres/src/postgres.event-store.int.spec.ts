import { describeEventStoreContract } from '@zvonar/eventsourcing/src/testing';
import { createTestDatabase, describeWithPostgres } from '@zvonar/testing';
import { PostgresEventStore } from './postgres.event-store';

describeWithPostgres('PostgresEventStore', (serverUrl) => {
  let database: { url: string; drop(): Promise<void> };
  beforeAll(async () => {
    database = await createTestDatabase(serverUrl);
  });
  afterAll(() => database.drop());

  describeEventStoreContract('PostgresEventStore', () =>
    PostgresEventStore.connect({ connectionString: database.url, schema: 'contract', poolConfig: { max: 8 }, subscriptions: { pollIntervalMs: 200, retryDelayMs: 5 } }),
  );
});
