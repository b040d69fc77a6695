import { createTestDatabase, describeWithPostgres } from '@zvonar/testing';
import { Pool } from 'pg';
import { withTransaction } from './postgres.transaction';

describeWithPostgres('withTransaction', (serverUrl) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let pool: Pool;
  let admin: Pool;
  beforeAll(async () => {
    database = await createTestDatabase(serverUrl);
    pool = new Pool({ connectionString: database.url, max: 2 });
    admin = new Pool({ connectionString: database.url, max: 1 });
  });
  afterAll(async () => {
    await pool.end();
    await admin.end();
    await database.drop();
  });

  it('rejects, instead of crashing the process, when the server drops the connection mid-transaction', async () => {
    const dropped = withTransaction(pool, async (client) => {
      const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      await admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
      await client.query('SELECT 1');
    });
    await expect(dropped).rejects.toThrow();

    // The broken connection was discarded, not handed to the next caller.
    const answer = await withTransaction(pool, (client) => client.query<{ one: number }>('SELECT 1 AS one'));
    expect(answer.rows[0]?.one).toBe(1);
  });
});
