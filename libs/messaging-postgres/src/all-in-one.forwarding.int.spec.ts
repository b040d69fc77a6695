import { randomUUID } from 'node:crypto';
import { PostgresEventStore } from '@zvonar/event-store-postgres';
import { streamId, type RecordedEvent } from '@zvonar/eventsourcing';
import { integrationMessageFrom, integrationTopic, oncePerMessage, startIntegrationForwarder } from '@zvonar/messaging';
import { createTestDatabase, describeWithPostgres, eventually } from '@zvonar/testing';
import { Pool, type PoolClient } from 'pg';
import { PostgresIdempotentConsumer } from './postgres.idempotent-consumer';
import { PostgresIntegrationBus } from './postgres.integration-bus';

const topic = integrationTopic({ service: 'calls', category: 'call', version: 1 });
const map = (event: RecordedEvent) =>
  event.type === 'CallEnded' ? [integrationMessageFrom(event, { topic, type: 'zvonar.calls.v1.CallEnded', payload: new TextEncoder().encode(String(event.data.seconds)) })] : [];

describeWithPostgres('all-in-one path: PostgreSQL event store -> forwarder -> embedded bus -> idempotent consumer', (serverUrl) => {
  it('builds the consumer’s table from the producer’s events once, even when the forwarder republishes', async () => {
    const database = await createTestDatabase(serverUrl, 'zt_aio');
    const pool = new Pool({ connectionString: database.url });
    const store = await PostgresEventStore.connect({ pool, schema: 'calls' });
    const bus = await PostgresIntegrationBus.connect({ pool, schema: 'calls_bus', pollIntervalMs: 100 });
    const processed = new PostgresIdempotentConsumer(pool, 'calls_bus');
    await pool.query('CREATE SCHEMA billing; CREATE TABLE billing.charges (call_id text NOT NULL, seconds int NOT NULL)');
    await bus.subscribe({
      group: 'billing',
      topics: [topic],
      decode: (bytes) => Number(new TextDecoder().decode(bytes)),
      handle: oncePerMessage<number, PoolClient>(processed, 'billing-charges', async (seconds, delivery, tx) => {
        await tx.query('INSERT INTO billing.charges VALUES ($1, $2)', [delivery.message.key, seconds]);
      }),
    });
    const calls = Array.from({ length: 20 }, (_, index) => ({ id: randomUUID(), seconds: index + 1 }));
    for (const call of calls) {
      await store.appendToStream(streamId('call', call.id), [
        { type: 'CallAnswered', data: { callId: call.id } },
        { type: 'CallEnded', data: { callId: call.id, seconds: call.seconds } },
      ]);
    }

    const forwarder = startIntegrationForwarder({ store, publisher: bus, subscriberId: 'calls-forwarder', categories: ['call'], map });
    await forwarder.start();
    await forwarder.waitForIdle();
    await forwarder.stop();
    // A crash after publishing but before the checkpoint moved looks like this: the same events published again.
    const republished = (await store.readAll({ categories: ['call'] })).events.flatMap(map);
    await bus.publish(republished);

    const total = async () => (await pool.query<{ count: string; sum: string }>('SELECT count(*), sum(seconds) FROM billing.charges')).rows[0]!;
    await eventually(async () => (await pool.query(`SELECT 1 FROM calls_bus.bus_group_partitions WHERE group_id = 'billing' GROUP BY group_id HAVING sum(committed_offset) = 40`)).rowCount === 1, {
      what: 'the consumer to get through all 40 messages',
    });
    expect(await total()).toEqual({ count: '20', sum: String((20 * 21) / 2) });
    await bus.close();
    await store.close();
    await pool.end();
    await database.drop();
  }, 60_000);
});
