import { describeWithPostgres } from '@zvonar/testing';
import { Pool } from 'pg';
import { useTestPool } from '../test/test-database';
import { PostgresEventStore } from './postgres.event-store';
import { migrate } from './postgres.schema';

describeWithPostgres('PostgresEventStore migrations', (serverUrl) => {
  const db = useTestPool(serverUrl, { max: 10 });

  it('lets several processes migrate the same schema at once, and applies each step once', async () => {
    // Separate pools stand for separate processes starting together.
    const pools = Array.from({ length: 4 }, () => new Pool({ connectionString: db.url, max: 1 }));
    try {
      await Promise.all(pools.map((each) => migrate(each, 'racing')));
    } finally {
      await Promise.all(pools.map((each) => each.end()));
    }
    await migrate(db.pool, 'racing');
    const steps = await db.pool.query<{ version: number }>('SELECT version FROM racing.event_store_migrations ORDER BY version');
    expect(steps.rows.map((row) => row.version)).toEqual([1]);
  });

  it('keeps stores in different schemas apart', async () => {
    const [a, b] = await Promise.all([PostgresEventStore.connect({ pool: db.pool, schema: 'svc_a' }), PostgresEventStore.connect({ pool: db.pool, schema: 'svc_b' })]);
    await a.appendToStream('thing-1', [{ type: 'Noted', data: { n: 1 } }]);
    expect((await b.readStream('thing-1')).events).toEqual([]);
    expect((await a.readStream('thing-1')).events).toHaveLength(1);
    await Promise.all([a.close(), b.close()]);
  });

  it('refuses a schema name it would have to quote', async () => {
    await expect(PostgresEventStore.connect({ pool: db.pool, schema: 'Robert"; drop' })).rejects.toThrow('Invalid event store schema name');
  });
});
