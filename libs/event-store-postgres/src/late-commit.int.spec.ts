import type { RecordedEvent } from '@zvonar/eventsourcing';
import { describeWithPostgres } from '@zvonar/testing';
import { HOOK_TIMEOUT_MS, useTestPool } from '../test/test-database';
import { PostgresEventStore } from './postgres.event-store';

const WRITERS = 64;
const TRANSACTIONS_PER_WRITER = 6;
const MAX_COMMIT_DELAY_MS = 40;

/**
 * The ordering guarantee under load: 64 writers append in their own transactions and hold each
 * COMMIT back for a random time, so sequence positions commit out of order. A naive "read after
 * the highest position seen" subscriber would skip the late ones; ours must see exactly what the
 * table holds, in store order, once each.
 */
describeWithPostgres('PostgresEventStore with late commits', (serverUrl) => {
  let store: PostgresEventStore;
  const db = useTestPool(serverUrl, { max: WRITERS + 4 }, () => store.close());
  beforeAll(async () => {
    store = await PostgresEventStore.connect({ pool: db.pool, schema: 'late_commit', subscriptions: { pollIntervalMs: 100 } });
  }, HOOK_TIMEOUT_MS);

  it('delivers every committed event to a live subscriber, in order, without gaps or duplicates', async () => {
    const seen: RecordedEvent[] = [];
    const subscription = store.subscribe({ subscriberId: 'live', batchSize: 25, handler: async (events) => void seen.push(...events) });
    await subscription.start();

    // Positions of each transaction, in the order the transactions committed.
    const commitOrder: bigint[] = [];
    const writer = async (writerId: number) => {
      for (let round = 0; round < TRANSACTIONS_PER_WRITER; round += 1) {
        const client = await db.pool.connect();
        try {
          await client.query('BEGIN');
          const count = 1 + ((writerId + round) % 3);
          const events = Array.from({ length: count }, (_, n) => ({ type: 'Noted', data: { writerId, round, n } }));
          const appended = await store.appendInTransaction(client, `load-w${writerId}`, events);
          // The late commit: this transaction's positions are taken, but it commits after others.
          await new Promise((resolve) => setTimeout(resolve, Math.random() * MAX_COMMIT_DELAY_MS));
          await client.query('COMMIT');
          commitOrder.push(BigInt(appended.lastCheckpoint.split(':')[1]!));
        } finally {
          client.release();
        }
      }
    };
    await Promise.all(Array.from({ length: WRITERS }, (_, writerId) => writer(writerId)));
    await subscription.waitForIdle({ timeoutMs: 30_000 });
    await subscription.stop();

    // The scenario really had commits out of position order (otherwise this test proves nothing).
    const outOfOrder = commitOrder.filter((position, index) => index > 0 && position < commitOrder[index - 1]!).length;
    expect(outOfOrder).toBeGreaterThan(WRITERS);

    const table = await db.pool.query<{ event_id: string }>('SELECT event_id::text FROM late_commit.events ORDER BY transaction_id, position');
    const expectedCount = Array.from({ length: WRITERS }, (_, w) => Array.from({ length: TRANSACTIONS_PER_WRITER }, (_, r) => 1 + ((w + r) % 3))).flat().reduce((a, b) => a + b, 0);
    expect(table.rows).toHaveLength(expectedCount);
    const seenIds = seen.map((event) => event.id);
    expect(new Set(seenIds).size).toBe(seenIds.length);
    expect(seenIds).toEqual(table.rows.map((row) => row.event_id));
  });
});
