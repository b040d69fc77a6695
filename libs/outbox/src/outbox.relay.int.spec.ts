import { randomUUID } from 'node:crypto';
import type { IntegrationEventPublisher, IntegrationMessage } from '@zvonar/messaging';
import { withTransaction } from '@zvonar/messaging-postgres';
import { createLogger, createPool, runMigrations } from '@zvonar/platform';
import { createTestDatabase, describeWithPostgres, eventually } from '@zvonar/testing';
import type { Pool } from 'pg';
import { createIntegrationBus } from './integration-bus.factory';
import { outboxMigration } from './outbox.migration';
import { OutboxRelay, type OutboxRelayOptions } from './outbox.relay';
import { writeToOutbox } from './outbox.writer';

/** A bus that is down for its first `outages` connects and then refuses `refusals` batches; it records what it acknowledged. */
class RecordingBus implements IntegrationEventPublisher {
  readonly acknowledged: IntegrationMessage[] = [];
  connects = 0;
  closed = false;
  constructor(
    private outages = 0,
    private refusals = 0,
  ) {}

  readonly connect = async (): Promise<RecordingBus> => {
    this.connects += 1;
    if (this.outages > 0) {
      this.outages -= 1;
      throw new Error('bus still starting');
    }
    return this;
  };

  async publish(messages: readonly IntegrationMessage[]): Promise<void> {
    if (this.refusals > 0) {
      this.refusals -= 1;
      throw new Error('bus unavailable');
    }
    this.acknowledged.push(...messages);
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  idsOf(key: string): string[] {
    return this.acknowledged.filter((message) => message.key === key).map((message) => message.messageId);
  }
}

const aMessage = (key: string, seq: number): IntegrationMessage => ({
  messageId: `${key}:${seq}`,
  topic: 'zvonar.outbox-spec.thing.v1',
  key,
  type: 'zvonar.outbox_spec.v1.Thing',
  payload: Uint8Array.of(seq % 256),
  occurredAt: new Date('2026-03-02T09:00:00Z'),
  headers: { correlationId: `corr-${key}` },
});

// The relay's contract on real PostgreSQL. The bus is a recorder: what is under test is what the
// relay hands it and when; the buses themselves pass their own contract suite.
describeWithPostgres('Outbox (writeToOutbox + OutboxRelay)', (serverUrl) => {
  let database: { url: string; drop(): Promise<void> };
  const pools: Pool[] = [];
  const logger = createLogger({ service: 'outbox-spec', level: 'silent' });

  beforeAll(async () => {
    database = await createTestDatabase(serverUrl, 'outbox');
  });

  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.end()));
    await database?.drop();
  });

  /** A fresh schema with the outbox table, and a pool whose search_path starts there, as a service's. */
  const aService = async () => {
    const schema = `svc_${randomUUID().slice(0, 8)}`;
    const pool = createPool(database.url, { schema, max: 8 });
    pools.push(pool);
    await runMigrations(pool, schema, [outboxMigration('0001_create_outbox')]);
    const write = (messages: readonly IntegrationMessage[]) =>
      withTransaction(pool, async (tx) => {
        for (const message of messages) await writeToOutbox(tx, message);
      });
    const unpublished = async () => (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL')).rows[0]!.n;
    const relay = (connect: OutboxRelayOptions['connect'], options: Partial<OutboxRelayOptions> = {}) =>
      new OutboxRelay({ pool, schema, connect, logger, pollIntervalMs: 20, ...options });
    return { schema, pool, write, unpublished, relay };
  };

  it('publishes committed messages in outbox order with their envelope, and marks them', async () => {
    const service = await aService();
    for (let seq = 1; seq <= 5; seq += 1) await service.write([aMessage('a', seq), aMessage('b', seq)]);
    const bus = new RecordingBus();
    const relay = service.relay(bus.connect, { batchSize: 3 });
    relay.start();
    try {
      await eventually(async () => (await service.unpublished()) === 0, { what: 'the outbox to drain' });
    } finally {
      await relay.stop();
    }
    expect(bus.acknowledged.map((message) => message.messageId)).toEqual([1, 2, 3, 4, 5].flatMap((seq) => [`a:${seq}`, `b:${seq}`]));
    const first = bus.acknowledged[0]!;
    expect({ ...first, payload: Array.from(first.payload) }).toEqual({ ...aMessage('a', 1), payload: [1] });
    expect(bus.closed).toBe(true);
  });

  it('prunes rows published longer ago than the retention, never unpublished or recent ones', async () => {
    const service = await aService();
    await service.write([aMessage('p', 1), aMessage('p', 2), aMessage('p', 3)]);
    await service.pool.query(`UPDATE outbox SET published_at = now() - interval '8 days' WHERE message_id = 'p:1'`);
    await service.pool.query(`UPDATE outbox SET published_at = now() - interval '1 hour' WHERE message_id = 'p:2'`);
    const relay = service.relay(new RecordingBus().connect, { retentionMs: 7 * 24 * 3_600_000 });

    const deleted = await relay.prune();

    const { rows } = await service.pool.query<{ message_id: string }>('SELECT message_id FROM outbox ORDER BY position');
    expect(deleted).toBe(1);
    expect(rows.map((row) => row.message_id)).toEqual(['p:2', 'p:3']);
  });

  it('loses nothing while the bus is down: keeps retrying, then publishes each message once, in order', async () => {
    const service = await aService();
    await service.write([aMessage('k', 1), aMessage('k', 2)]);
    // Down for two connects, then refuses two batches after connecting.
    const bus = new RecordingBus(2, 2);
    const relay = service.relay(bus.connect, { pollIntervalMs: 5, maxBackoffMs: 20 });
    relay.start();
    try {
      await eventually(() => bus.connects === 3, { what: 'the third connect' });
      await service.write([aMessage('k', 3)]);
      relay.announce();
      await eventually(async () => (await service.unpublished()) === 0, { what: 'the outbox to drain' });
      await service.write([aMessage('k', 4)]);
      relay.announce();
      await eventually(async () => (await service.unpublished()) === 0, { what: 'the late message' });
    } finally {
      await relay.stop();
    }
    expect(bus.idsOf('k')).toEqual(['k:1', 'k:2', 'k:3', 'k:4']);
    expect(bus.connects).toBe(3);
  });

  it('with three relays on one schema, publishes each message once and in order', async () => {
    const service = await aService();
    const bus = new RecordingBus();
    const relays = [1, 2, 3].map(() => service.relay(bus.connect, { pollIntervalMs: 5, batchSize: 3 }));
    relays.forEach((relay) => relay.start());
    try {
      const writers = ['x', 'y', 'z'].map(async (key) => {
        for (let seq = 1; seq <= 20; seq += 1) {
          await service.write([aMessage(key, seq)]);
          relays[seq % 3]!.announce();
        }
      });
      await Promise.all(writers);
      await eventually(async () => (await service.unpublished()) === 0, { what: 'the outbox to drain' });
    } finally {
      await Promise.all(relays.map((relay) => relay.stop()));
    }
    expect(bus.acknowledged).toHaveLength(60);
    expect(new Set(bus.acknowledged.map((message) => message.messageId)).size).toBe(60);
    for (const key of ['x', 'y', 'z']) expect(bus.idsOf(key)).toEqual(Array.from({ length: 20 }, (_, index) => `${key}:${index + 1}`));
  });

  it('never publishes a write whose transaction rolled back', async () => {
    const service = await aService();
    const bus = new RecordingBus();
    const relay = service.relay(bus.connect);
    relay.start();
    try {
      await expect(
        withTransaction(service.pool, async (tx) => {
          await writeToOutbox(tx, aMessage('r', 1));
          throw new Error('the change failed');
        }),
      ).rejects.toThrow('the change failed');
      await service.write([aMessage('r', 2)]);
      relay.announce();
      await eventually(() => bus.acknowledged.length === 1, { what: 'the committed message' });
      await eventually(async () => (await service.unpublished()) === 0, { what: 'the mark' });
    } finally {
      await relay.stop();
    }
    expect(bus.idsOf('r')).toEqual(['r:2']);
    expect((await service.pool.query('SELECT message_id FROM outbox')).rows).toEqual([{ message_id: 'r:2' }]);
  });

  it('is woken across processes by NOTIFY, not by its poll', async () => {
    const service = await aService();
    const bus = new RecordingBus();
    // Polls once a minute: only the NOTIFY can bring the message out within the test's timeout.
    const listening = service.relay(bus.connect, { pollIntervalMs: 60_000 });
    // The writer's process: a relay that is never started, used only to announce its commit.
    const writerSide = service.relay(new RecordingBus().connect);
    listening.start();
    try {
      await eventually(() => bus.connects === 1, { what: 'the first (empty) round' });
      await service.write([aMessage('n', 1)]);
      writerSide.announce();
      await eventually(() => bus.acknowledged.length === 1, { what: 'the NOTIFY wake-up', timeoutMs: 5_000 });
    } finally {
      await Promise.all([listening.stop(), writerSide.stop()]);
    }
    expect(bus.idsOf('n')).toEqual(['n:1']);
  });

  it('stops promptly while the bus is down, leaving the messages in the outbox', async () => {
    const service = await aService();
    await service.write([aMessage('s', 1)]);
    const bus = new RecordingBus(Number.MAX_SAFE_INTEGER);
    const relay = service.relay(bus.connect, { pollIntervalMs: 1_000, maxBackoffMs: 60_000 });
    relay.start();
    await eventually(() => bus.connects >= 2, { what: 'a retry', timeoutMs: 5_000 });
    const started = Date.now();
    await relay.stop();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await service.unpublished()).toBe(1);
  });

  it('delivers through the embedded bus chosen by BUS=embedded', async () => {
    const service = await aService();
    const consumerSide = await createIntegrationBus({ service: 'outbox-spec', BUS: 'embedded', pool: service.pool, schema: service.schema });
    const received: string[] = [];
    const consumer = await consumerSide.subscribe({
      group: 'outbox-spec',
      topics: [aMessage('e', 1).topic],
      decode: (bytes) => bytes,
      handle: async (_payload, delivery) => void received.push(delivery.message.messageId),
    });
    const relay = service.relay(() => createIntegrationBus({ service: 'outbox-spec', BUS: 'embedded', pool: service.pool, schema: service.schema }));
    relay.start();
    try {
      await service.write([aMessage('e', 1), aMessage('e', 2)]);
      relay.announce();
      await eventually(() => received.length === 2, { what: 'both messages consumed' });
    } finally {
      await relay.stop();
      await consumer.stop();
      await consumerSide.close();
    }
    expect(received).toEqual(['e:1', 'e:2']);
  });
});
