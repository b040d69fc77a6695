import { randomUUID } from 'node:crypto';
import type { IntegrationConsumer, SubscribeOptions } from '@zvonar/messaging';
import { createTestDatabase, describeWithPostgres } from '@zvonar/testing';
import { Pool } from 'pg';
import { PostgresIntegrationBus } from './postgres.integration-bus';

const topic = 'zvonar.identity.credentials.v1';

describeWithPostgres('PostgresIntegrationBus ephemeral groups', (serverUrl) => {
  let database: { url: string; drop(): Promise<void> };
  let pool: Pool;
  let bus: PostgresIntegrationBus;
  let schema: string;
  beforeAll(async () => {
    database = await createTestDatabase(serverUrl, 'zt_bus_eph');
    pool = new Pool({ connectionString: database.url });
  });
  beforeEach(async () => {
    schema = `eph_${randomUUID().slice(0, 8)}`;
    bus = await PostgresIntegrationBus.connect({ pool, schema, partitions: 2, pollIntervalMs: 50, leaseMs: 1_000, ephemeralGroupExpiryMs: 60_000 });
  });
  afterEach(() => bus.close());
  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

  const member = (group: string, extra: Partial<SubscribeOptions<Uint8Array>> = {}): Promise<IntegrationConsumer> =>
    bus.subscribe({ group, topics: [topic], decode: (bytes) => bytes, handle: async () => undefined, startAt: 'latest', ...extra });
  const partitionRows = async (group: string): Promise<number> =>
    (await pool.query(`SELECT count(*)::int AS n FROM ${schema}.bus_group_partitions WHERE group_id = $1`, [group])).rows[0].n;
  const memberRows = async (group: string): Promise<number> =>
    (await pool.query(`SELECT count(*)::int AS n FROM ${schema}.bus_group_members WHERE group_id = $1`, [group])).rows[0].n;

  it('adds the ephemeral mark to a schema created before it, keeping the groups there durable', async () => {
    const old = `old_${randomUUID().slice(0, 8)}`;
    await pool.query(`CREATE SCHEMA ${old}`);
    await pool.query(`CREATE TABLE ${old}.bus_group_partitions (
      group_id text NOT NULL, topic text NOT NULL, partition int NOT NULL, committed_offset bigint NOT NULL DEFAULT 0,
      owner text, lease_until timestamptz, PRIMARY KEY (group_id, topic, partition))`);
    await pool.query(`INSERT INTO ${old}.bus_group_partitions (group_id, topic, partition, committed_offset) VALUES ('billing', $1, 0, 7)`, [topic]);

    await (await PostgresIntegrationBus.connect({ pool, schema: old })).close();

    const { rows } = await pool.query(`SELECT committed_offset, ephemeral FROM ${old}.bus_group_partitions`);
    expect(rows).toEqual([{ committed_offset: '7', ephemeral: false }]);
  });

  it('deletes an ephemeral group’s offsets when its last member stops, not before', async () => {
    const group = `gateway-${randomUUID()}`;
    const first = await member(group, { ephemeral: true });
    const second = await member(group, { ephemeral: true });
    expect(await partitionRows(group)).toBe(2);

    await first.stop();
    expect(await partitionRows(group)).toBe(2);

    await second.stop();
    expect(await partitionRows(group)).toBe(0);
    expect(await memberRows(group)).toBe(0);
  });

  it('keeps the offsets of a group that is not ephemeral when it stops', async () => {
    const group = `billing-${randomUUID()}`;
    await (await member(group)).stop();

    expect(await partitionRows(group)).toBe(2);
  });

  it('sweeps, at a later subscribe, the rows of an ephemeral group whose members all went silent (a crash), and only those', async () => {
    // Given what a crashed replica leaves: its rows and a member whose last heartbeat is old.
    const crashed = `gateway-${randomUUID()}`;
    const durable = `billing-${randomUUID()}`;
    for (const [group, ephemeral] of [[crashed, true], [durable, false]] as const) {
      await pool.query(
        `INSERT INTO ${schema}.bus_group_partitions (group_id, topic, partition, committed_offset, owner, lease_until, ephemeral)
         SELECT $1, $2, p, 0, 'dead-member', now() - interval '2 hours', $3 FROM generate_series(0, 1) p`,
        [group, topic, ephemeral],
      );
      await pool.query(`INSERT INTO ${schema}.bus_group_members (group_id, member_id, topics, heartbeat_at) VALUES ($1, 'dead-member', $2, now() - interval '2 hours')`, [
        group,
        [topic],
      ]);
    }
    // And an ephemeral group that is alive (its member heartbeats).
    const alive = `gateway-${randomUUID()}`;
    await member(alive, { ephemeral: true });

    // When the replica that replaced the crashed one subscribes under its own new name.
    await member(`gateway-${randomUUID()}`, { ephemeral: true });

    expect(await partitionRows(crashed)).toBe(0);
    expect(await memberRows(crashed)).toBe(0);
    expect(await partitionRows(durable)).toBe(2);
    expect(await partitionRows(alive)).toBe(2);
  });
});
