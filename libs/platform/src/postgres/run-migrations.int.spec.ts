import { createTestDatabase, describeWithPostgres } from '@zvonar/testing';
import type { Pool } from 'pg';
import { createPool } from './create-pool';
import { runMigrations, type Migration } from './run-migrations';

const migrations: Migration[] = [
  { id: '0002_add_status', sql: `ALTER TABLE campaigns ADD COLUMN status text NOT NULL DEFAULT 'Draft'` },
  { id: '0001_create_campaigns', sql: 'CREATE TABLE campaigns (id uuid PRIMARY KEY, name text NOT NULL)' },
];

describeWithPostgres('runMigrations', (serverUrl) => {
  let database: { url: string; drop(): Promise<void> };
  const pools: Pool[] = [];
  const pool = (schema: string, max = 4) => {
    const created = createPool(database.url, { schema, max });
    pools.push(created);
    return created;
  };

  beforeAll(async () => {
    database = await createTestDatabase(serverUrl, 'platform_migrations');
  });

  afterAll(async () => {
    await Promise.all(pools.map((created) => created.end()));
    await database?.drop();
  });

  it('applies migrations in id order, in the service schema, and records them', async () => {
    const campaigns = pool('campaigns');
    const result = await runMigrations(campaigns, 'campaigns', migrations);
    expect(result).toEqual({ applied: ['0001_create_campaigns', '0002_add_status'], alreadyApplied: [] });
    // Unqualified names resolve in the service's schema through the pool's search_path.
    await campaigns.query(`INSERT INTO campaigns (id, name) VALUES (gen_random_uuid(), 'spring')`);
    const { rows } = await campaigns.query<{ schema: string; status: string }>(
      `SELECT current_schema() AS schema, status FROM campaigns`,
    );
    expect(rows).toEqual([{ schema: 'campaigns', status: 'Draft' }]);
  });

  it('does nothing the second time', async () => {
    const result = await runMigrations(pool('campaigns'), 'campaigns', migrations);
    expect(result).toEqual({ applied: [], alreadyApplied: ['0001_create_campaigns', '0002_add_status'] });
  });

  it('runs each migration once when many processes start together', async () => {
    // Separate pools stand for separate processes: each has its own connections and session
    // advisory lock. Without the lock, CREATE TABLE would fail in all but one of them.
    const starters = Array.from({ length: 6 }, () => runMigrations(pool('billing', 1), 'billing', migrations));
    const results = await Promise.all(starters);
    expect(results.flatMap((result) => result.applied).sort()).toEqual(['0001_create_campaigns', '0002_add_status']);
    const { rows } = await pool('billing').query<{ count: number }>(
      'SELECT count(*)::int AS count FROM billing.schema_migrations',
    );
    expect(rows[0]?.count).toBe(2);
  });

  it('keeps schemas apart: each service owns its own ledger', async () => {
    const { rows } = await pool('campaigns').query<{ table_schema: string }>(
      `SELECT table_schema FROM information_schema.tables WHERE table_name = 'campaigns' ORDER BY 1`,
    );
    expect(rows.map((row) => row.table_schema)).toEqual(['billing', 'campaigns']);
  });

  it('refuses to start when an applied migration was edited', async () => {
    const edited = migrations.map((migration) =>
      migration.id === '0001_create_campaigns' ? { ...migration, sql: `${migration.sql}; SELECT 1` } : migration,
    );
    await expect(runMigrations(pool('campaigns'), 'campaigns', edited)).rejects.toThrow(
      /0001_create_campaigns was changed after it was applied/,
    );
  });

  it('rolls back a failing migration and leaves it unrecorded', async () => {
    const broken = [
      ...migrations,
      { id: '0003_broken', sql: 'CREATE TABLE half_done (id int); SELECT * FROM no_such_table' },
    ];
    await expect(runMigrations(pool('campaigns'), 'campaigns', broken)).rejects.toThrow(/0003_broken failed/);
    const { rows } = await pool('campaigns').query(
      `SELECT to_regclass('campaigns.half_done') AS half_done, (SELECT count(*)::int FROM schema_migrations) AS recorded`,
    );
    expect(rows[0]).toEqual({ half_done: null, recorded: 2 });
  });
});
