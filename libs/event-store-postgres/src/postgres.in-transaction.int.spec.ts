import { ConcurrencyError } from '@zvonar/eventsourcing';
import { describeWithPostgres } from '@zvonar/testing';
import type { PoolClient } from 'pg';
import { HOOK_TIMEOUT_MS, useTestPool } from '../test/test-database';
import { PostgresEventStore } from './postgres.event-store';

describeWithPostgres('PostgresEventStore.appendInTransaction', (serverUrl) => {
  let store: PostgresEventStore;
  const db = useTestPool(serverUrl, { max: 6 }, () => store.close());
  beforeAll(async () => {
    store = await PostgresEventStore.connect({ pool: db.pool, schema: 'in_tx' });
    await db.pool.query('CREATE TABLE outbox (id serial PRIMARY KEY, note text NOT NULL)');
  }, HOOK_TIMEOUT_MS);

  const inTransaction = async <T>(work: (client: PoolClient) => Promise<T>, outcome: 'COMMIT' | 'ROLLBACK') => {
    const client = await db.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query(outcome);
      return result;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  };

  it('commits the events together with the caller’s own writes', async () => {
    await inTransaction(async (client) => {
      await store.appendInTransaction(client, 'order-1', [{ type: 'Placed', data: {} }], { expectedRevision: 'no_stream' });
      await client.query(`INSERT INTO outbox (note) VALUES ('order-1 placed')`);
      // Not visible outside the transaction before COMMIT.
      expect((await store.readStream('order-1')).events).toEqual([]);
    }, 'COMMIT');
    expect((await store.readStream('order-1')).events.map((event) => event.type)).toEqual(['Placed']);
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM outbox WHERE note = 'order-1 placed'`)).rows[0]).toEqual({ n: 1 });
  });

  it('leaves no event behind when the caller rolls back', async () => {
    await inTransaction((client) => store.appendInTransaction(client, 'order-2', [{ type: 'Placed', data: {} }]), 'ROLLBACK');
    expect(await store.readStream('order-2')).toEqual({ events: [], currentRevision: null });
  });

  it('skips an event stored before without aborting the caller’s transaction', async () => {
    const placed = { type: 'Placed', data: {}, id: '01a1ff50-99b4-7375-9692-ec33b47cfa01' };
    await store.appendToStream('order-5', [placed]);
    await inTransaction(async (client) => {
      const again = await store.appendInTransaction(client, 'order-5', [placed], { expectedRevision: 'no_stream' });
      expect(again.nextExpectedRevision).toBe(0);
      await client.query(`INSERT INTO outbox (note) VALUES ('order-5 retried')`);
    }, 'COMMIT');
    expect((await store.readStream('order-5')).events).toHaveLength(1);
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM outbox WHERE note = 'order-5 retried'`)).rows[0]).toEqual({ n: 1 });
  });

  it('raises the typed conflict on a wrong expected revision inside the transaction', async () => {
    await store.appendToStream('order-3', [{ type: 'Placed', data: {} }]);
    await expect(inTransaction((client) => store.appendInTransaction(client, 'order-3', [{ type: 'Placed', data: {} }], { expectedRevision: 'no_stream' }), 'COMMIT')).rejects.toBeInstanceOf(
      ConcurrencyError,
    );
  });

  it('raises the typed conflict when a concurrent transaction took the same revision first', async () => {
    const first = await db.pool.connect();
    const second = await db.pool.connect();
    try {
      await first.query('BEGIN');
      await second.query('BEGIN');
      await store.appendInTransaction(first, 'order-4', [{ type: 'Placed', data: {} }], { expectedRevision: 'no_stream' });
      // The second writer blocks on the first one's uncommitted revision 0 until it commits.
      const late = store.appendInTransaction(second, 'order-4', [{ type: 'Placed', data: {} }], { expectedRevision: 'no_stream' });
      await first.query('COMMIT');
      await expect(late).rejects.toBeInstanceOf(ConcurrencyError);
      await second.query('ROLLBACK');
    } finally {
      first.release();
      second.release();
    }
    expect((await store.readStream('order-4')).events).toHaveLength(1);
  });
});
