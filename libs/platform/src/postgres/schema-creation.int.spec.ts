import { migrate as migrateEventStore } from '@zvonar/event-store-postgres';
import { migrateMessaging } from '@zvonar/messaging-postgres';
import { createTestDatabase, describeWithPostgres } from '@zvonar/testing';
import { createPool } from './create-pool';
import { runMigrations } from './run-migrations';

/**
 * A service starting on an empty database creates its schema from three places at once: its
 * migrations, the embedded bus and the event store. Each runs CREATE SCHEMA IF NOT EXISTS, which
 * fails one of two concurrent callers (a duplicate pg_namespace key) unless they take turns.
 */
describeWithPostgres('creating a service schema from several places at once', (serverUrl) => {
  let database: { url: string; drop(): Promise<void> };

  beforeAll(async () => {
    database = await createTestDatabase(serverUrl, 'platform_schema_race');
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('given a fresh schema, when migrations, the bus and the event store create it together, then all succeed', async () => {
    // Separate pools, as the real callers have: one connection each, no queueing between them.
    const pools = Array.from({ length: 3 }, () => createPool(database.url, { schema: 'public', max: 2 }));
    try {
      for (let round = 0; round < 15; round += 1) {
        const schema = `race_${round}`;
        const outcomes = await Promise.allSettled([
          runMigrations(pools[0]!, schema, [{ id: '0001_table', sql: 'CREATE TABLE things (id int PRIMARY KEY)' }]),
          migrateMessaging(pools[1]!, schema),
          migrateEventStore(pools[2]!, schema),
        ]);
        expect({ round, failures: outcomes.filter((outcome) => outcome.status === 'rejected').map((outcome) => String((outcome as PromiseRejectedResult).reason)) }).toEqual({ round, failures: [] });
      }
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
    }
  });
});
