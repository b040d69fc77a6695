import { randomUUID } from 'node:crypto';
import type { IntegrationMessage } from '@zvonar/messaging';
import { createTestDatabase, describeWithPostgres, eventually } from '@zvonar/testing';
import { Pool } from 'pg';
import { PostgresIdempotentConsumer } from './postgres.idempotent-consumer';
import { PostgresIntegrationBus } from './postgres.integration-bus';

const topic = 'zvonar.calls.call.v1';
const aMessage = (seq: number, key = 'call-1'): IntegrationMessage => ({
  messageId: randomUUID(),
  topic,
  key,
  type: 'zvonar.calls.v1.CallEnded',
  payload: Uint8Array.of(seq),
  occurredAt: new Date(),
  headers: {},
});

describeWithPostgres('PostgresIntegrationBus beyond the contract', (serverUrl) => {
  let database: { url: string; drop(): Promise<void> };
  let pool: Pool;
  beforeAll(async () => {
    database = await createTestDatabase(serverUrl, 'zt_busx');
    pool = new Pool({ connectionString: database.url });
  });
  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

  it('moves the partition of a member whose handler outran its lease, and refuses that member’s late commit', async () => {
    const schema = `lease_${randomUUID().slice(0, 8)}`;
    const options = { connectionString: database.url, schema, partitions: 1, leaseMs: 300, pollIntervalMs: 50 };
    const stuckBus = await PostgresIntegrationBus.connect(options);
    const healthyBus = await PostgresIntegrationBus.connect(options);
    const group = 'billing';
    const stuckSaw: number[] = [];
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await stuckBus.subscribe({
      group,
      topics: [topic],
      decode: (bytes) => bytes[0]!,
      handle: async (seq) => {
        stuckSaw.push(seq);
        if (seq === 2) await released;
      },
    });
    await stuckBus.publish([0, 1, 2, 3, 4].map((seq) => aMessage(seq)));
    await eventually(() => stuckSaw.includes(2), { what: 'the stuck member to reach message 2' });

    const healthySaw: number[] = [];
    await healthyBus.subscribe({ group, topics: [topic], decode: (bytes) => bytes[0]!, handle: async (seq) => void healthySaw.push(seq) });
    await eventually(() => healthySaw.length === 3, { what: 'the healthy member to take over from message 2' });
    expect(healthySaw).toEqual([2, 3, 4]);

    release();
    await healthyBus.publish([aMessage(5)]);
    const committed = async () => (await pool.query(`SELECT committed_offset FROM ${schema}.bus_group_partitions WHERE group_id = $1`, [group])).rows[0]?.committed_offset;
    // Had the late commit of message 2 gone through, the offset would fall back to 3 and 3-4 be delivered again.
    await eventually(async () => (await committed()) === '6', { what: 'the group offset past message 5' });
    expect([...healthySaw, ...stuckSaw].filter((seq) => seq === 3 || seq === 4)).toEqual([3, 4]);
    await Promise.all([stuckBus.close(), healthyBus.close()]);
  }, 30_000);

  it('wakes a consumer in another process through NOTIFY, without waiting for its polling fallback', async () => {
    const options = { connectionString: database.url, schema: `wake_${randomUUID().slice(0, 8)}`, pollIntervalMs: 600_000 };
    const producer = await PostgresIntegrationBus.connect(options);
    const consumerSide = await PostgresIntegrationBus.connect(options);
    const seen: number[] = [];
    await consumerSide.subscribe({ group: 'g', topics: [topic], decode: (bytes) => bytes[0]!, handle: async (seq) => void seen.push(seq) });
    for (let seq = 1; seq <= 3; seq += 1) await producer.publish([aMessage(seq)]);
    await eventually(() => seen.length === 3, { timeoutMs: 5_000, what: 'all three woken by NOTIFY' });
    await Promise.all([producer.close(), consumerSide.close()]);
  }, 30_000);

  it('commits a message written in the caller’s transaction only with that transaction (outbox)', async () => {
    const schema = `outbox_${randomUUID().slice(0, 8)}`;
    const bus = await PostgresIntegrationBus.connect({ pool, schema, pollIntervalMs: 50 });
    const seen: number[] = [];
    await bus.subscribe({ group: 'g', topics: [topic], decode: (bytes) => bytes[0]!, handle: async (seq) => void seen.push(seq) });
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await bus.publishInTransaction(client, [aMessage(1)]);
      await client.query('ROLLBACK');
      await client.query('BEGIN');
      await bus.publishInTransaction(client, [aMessage(2)]);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    await eventually(() => seen.length > 0, { what: 'the committed message' });
    await bus.publish([aMessage(3)]);
    await eventually(() => seen.includes(3), { what: 'a later message' });
    expect(seen).toEqual([2, 3]);
    await bus.close();
  }, 30_000);

  it('delivers to a latest group a message whose publishing transaction was still open when the group joined', async () => {
    const schema = `latest_${randomUUID().slice(0, 8)}`;
    const bus = await PostgresIntegrationBus.connect({ pool, schema, partitions: 1, pollIntervalMs: 50 });
    await bus.publish([aMessage(1)]);
    const client = await pool.connect();
    const seen: number[] = [];
    try {
      // Given a publish in flight: its offset is taken, the partition's head row is locked, nothing is committed.
      await client.query('BEGIN');
      await bus.publishInTransaction(client, [aMessage(2)]);
      // When a latest group joins meanwhile (its reading the head does not wait for that lock).
      await bus.subscribe({ group: 'g', topics: [topic], decode: (bytes) => bytes[0]!, handle: async (seq) => void seen.push(seq), startAt: 'latest' });
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    await bus.publish([aMessage(3)]);

    // Then it starts at the in-flight message, not after it, and skips the one committed before.
    await eventually(() => seen.includes(3), { what: 'the message published after joining' });
    expect(seen).toEqual([2, 3]);
    await bus.close();
  }, 30_000);

  describe('PostgresIdempotentConsumer', () => {
    const schema = `idem_${randomUUID().slice(0, 8)}`;
    let idempotency: PostgresIdempotentConsumer;
    beforeAll(async () => {
      // The bus migration creates processed_messages in the consumer's schema.
      await (await PostgresIntegrationBus.connect({ pool, schema })).close();
      await pool.query(`CREATE TABLE ${schema}.charges (message_id text NOT NULL, amount int NOT NULL)`);
      idempotency = new PostgresIdempotentConsumer(pool, schema);
    });
    const chargeOnce = (messageId: string, amount: number, fail = false) =>
      idempotency.handleOnce('billing', messageId, async (tx) => {
        await tx.query(`INSERT INTO ${schema}.charges VALUES ($1, $2)`, [messageId, amount]);
        if (fail) throw new Error('crashed after writing the effect');
      });
    const charges = async (messageId: string) => (await pool.query(`SELECT amount FROM ${schema}.charges WHERE message_id = $1`, [messageId])).rows;

    it('applies a redelivered message once', async () => {
      const id = randomUUID();
      expect(await chargeOnce(id, 10)).toBe('processed');
      expect(await chargeOnce(id, 10)).toBe('duplicate');
      expect(await charges(id)).toEqual([{ amount: 10 }]);
    });

    it('rolls the id back with a failed effect, so the redelivery applies it', async () => {
      const id = randomUUID();
      await expect(chargeOnce(id, 10, true)).rejects.toThrow('crashed after writing the effect');
      expect(await charges(id)).toEqual([]);
      expect(await chargeOnce(id, 10)).toBe('processed');
      expect(await charges(id)).toEqual([{ amount: 10 }]);
    });

    it('applies concurrent duplicates once', async () => {
      const id = randomUUID();
      const outcomes = await Promise.all(Array.from({ length: 5 }, () => chargeOnce(id, 7)));
      expect(outcomes.filter((outcome) => outcome === 'processed')).toHaveLength(1);
      expect(await charges(id)).toEqual([{ amount: 7 }]);
    });
  });
});
