import { randomUUID } from 'node:crypto';
import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { IntegrationMessage } from '@zvonar/messaging';
import { withTransaction } from '@zvonar/messaging-postgres';
import { createPool, runMigrations } from '@zvonar/platform';
import { createTestDatabase, describeWithPostgres } from '@zvonar/testing';
import type { Pool } from 'pg';
import { outboxMigration } from './outbox.migration';
import { writeAllToOutbox, writeToOutbox } from './outbox.writer';

const aMessage = (seq: number, headers: IntegrationMessage['headers'] = { correlationId: `corr-${seq}` }): IntegrationMessage => ({
  messageId: `batch:${seq}`,
  topic: 'zvonar.outbox-spec.thing.v1',
  key: `key-${seq % 2}`,
  type: 'zvonar.outbox_spec.v1.Thing',
  payload: Uint8Array.of(seq, 0, 255),
  occurredAt: new Date(Date.UTC(2026, 2, 2, 9, 0, seq)),
  headers,
});

type Row = { message_id: string; topic: string; message_key: string; type: string; payload: Buffer; headers: Record<string, string>; occurred_at: Date };

describeWithPostgres('writeAllToOutbox', (serverUrl) => {
  let database: { url: string; drop(): Promise<void> };
  const pools: Pool[] = [];
  const exporter = new InMemorySpanExporter();

  beforeAll(async () => {
    database = await createTestDatabase(serverUrl, 'outbox_writer');
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
  });

  afterAll(async () => {
    trace.disable();
    propagation.disable();
    context.disable();
    await Promise.all(pools.map((pool) => pool.end()));
    await database?.drop();
  });

  /** A fresh service schema with the outbox table; `rows` reads it back in outbox order. */
  const anOutbox = async () => {
    const schema = `svc_${randomUUID().slice(0, 8)}`;
    const pool = createPool(database.url, { schema, max: 4 });
    pools.push(pool);
    await runMigrations(pool, schema, [outboxMigration('0001_create_outbox')]);
    const rows = async () =>
      (await pool.query<Row>('SELECT message_id, topic, message_key, type, payload, headers, occurred_at FROM outbox ORDER BY position')).rows;
    return { pool, rows };
  };

  it('given a batch, when written in a transaction, then every message is one row in batch order with its envelope', async () => {
    const outbox = await anOutbox();
    const batch = [1, 2, 3].map((seq) => aMessage(seq));
    await withTransaction(outbox.pool, (tx) => writeAllToOutbox(tx, batch));
    const rows = await outbox.rows();
    expect(rows.map((row) => [row.message_id, row.topic, row.message_key, row.type, [...row.payload], row.headers, row.occurred_at.toISOString()])).toEqual(
      batch.map((message) => [message.messageId, message.topic, message.key, message.type, [...message.payload], message.headers, message.occurredAt.toISOString()]),
    );
  });

  it('given an invalid message anywhere in the batch, then it throws before writing anything', async () => {
    const outbox = await anOutbox();
    // Outside a transaction (autocommit): a valid message written before the check would stay.
    const client = await outbox.pool.connect();
    try {
      await expect(writeAllToOutbox(client, [aMessage(1), { ...aMessage(2), key: '' }])).rejects.toThrow(/key/);
    } finally {
      client.release();
    }
    expect(await outbox.rows()).toEqual([]);
  });

  it('given a message id already in the outbox, then the whole batch is refused', async () => {
    const outbox = await anOutbox();
    await withTransaction(outbox.pool, (tx) => writeToOutbox(tx, aMessage(2)));
    await expect(withTransaction(outbox.pool, (tx) => writeAllToOutbox(tx, [aMessage(1), aMessage(2), aMessage(3)]))).rejects.toThrow(/duplicate key/);
    expect((await outbox.rows()).map((row) => row.message_id)).toEqual(['batch:2']);
  });

  it('given an empty batch, then nothing is written and no statement is sent', async () => {
    const outbox = await anOutbox();
    const client = await outbox.pool.connect();
    try {
      const query = jest.spyOn(client, 'query');
      await writeAllToOutbox(client, []);
      expect(query).not.toHaveBeenCalled();
    } finally {
      client.release();
    }
    expect(await outbox.rows()).toEqual([]);
  });

  it('given an active span, then every row carries its trace context, and a message with its own keeps it', async () => {
    const outbox = await anOutbox();
    const own = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const span = trace.getTracer('outbox-spec').startSpan('write batch');
    await context.with(trace.setSpan(context.active(), span), () =>
      withTransaction(outbox.pool, (tx) => writeAllToOutbox(tx, [aMessage(1), aMessage(2, { traceparent: own })])),
    );
    span.end();
    const { traceId, spanId } = span.spanContext();
    const [first, second] = await outbox.rows();
    expect(first!.headers).toEqual({ correlationId: 'corr-1', traceparent: `00-${traceId}-${spanId}-01` });
    expect(second!.headers['traceparent']).toBe(own);
  });
});
