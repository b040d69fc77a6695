import type { RecordedEvent } from '@zvonar/eventsourcing';
import { createTestDatabase, describeWithPostgres, eventually } from '@zvonar/testing';
import { HOOK_TIMEOUT_MS } from '../test/test-database';
import { PostgresEventStore } from './postgres.event-store';

/**
 * Two stores on one schema stand for two processes. The subscriber's polling interval is far
 * beyond the test's patience, so only a NOTIFY can wake it in time.
 */
describeWithPostgres('PostgresEventStore wake-ups across processes', (serverUrl) => {
  let database: { url: string; drop(): Promise<void> };
  let writer: PostgresEventStore;
  let reader: PostgresEventStore;
  const seen: RecordedEvent[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(serverUrl);
    writer = await PostgresEventStore.connect({ connectionString: database.url, schema: 'wake' });
    reader = await PostgresEventStore.connect({ connectionString: database.url, schema: 'wake', subscriptions: { pollIntervalMs: 600_000 } });
    const subscription = reader.subscribe({ subscriberId: 'far-away', handler: async (events) => void seen.push(...events) });
    await subscription.start();
  }, HOOK_TIMEOUT_MS);
  afterAll(async () => {
    await Promise.all([writer.close(), reader.close()]);
    await database.drop();
  }, HOOK_TIMEOUT_MS);

  it('wakes a subscriber in another process when the pool appends', async () => {
    await writer.appendToStream('ping-1', [{ type: 'Pinged', data: { n: 1 } }]);
    await eventually(() => seen.some((event) => event.streamId === 'ping-1'), { timeoutMs: 5_000, what: 'the NOTIFY to wake the reader' });
  });

  it('wakes it when a caller’s transaction with events commits', async () => {
    const client = await writer.pool.connect();
    try {
      await client.query('BEGIN');
      await writer.appendInTransaction(client, 'ping-2', [{ type: 'Pinged', data: { n: 2 } }]);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    await eventually(() => seen.some((event) => event.streamId === 'ping-2'), { timeoutMs: 5_000, what: 'the NOTIFY to wake the reader' });
  });
});
