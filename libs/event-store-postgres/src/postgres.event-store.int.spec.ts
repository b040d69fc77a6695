import { describeEventStoreContract } from '@zvonar/eventsourcing/src/testing';
import { createTestDatabase, describeWithPostgres } from '@zvonar/testing';
import { HOOK_TIMEOUT_MS } from '../test/test-database';
import { PostgresEventStore } from './postgres.event-store';

describeWithPostgres('PostgresEventStore', (serverUrl) => {
  let database: { url: string; drop(): Promise<void> };
  beforeAll(async () => {
    database = await createTestDatabase(serverUrl);
  }, HOOK_TIMEOUT_MS);
  afterAll(() => database.drop(), HOOK_TIMEOUT_MS);

  describeEventStoreContract('PostgresEventStore', () =>
    PostgresEventStore.connect({ connectionString: database.url, schema: 'contract', poolConfig: { max: 8 }, subscriptions: { pollIntervalMs: 200, retryDelayMs: 5 } }),
  );
});
