import type { Delivery, MessageDecoder } from '@zvonar/messaging';
import { createLogger, createPool, runMigrations, type Migration } from '@zvonar/platform';
import { createTestDatabase, describeWithPostgres, eventually } from '@zvonar/testing';
import type { Pool } from 'pg';
import { createIntegrationBus } from '../integration-bus.factory';
import { OutboxRelay } from '../outbox.relay';

/**
 * For a service's spec: runs the real relay of `schema` to the embedded bus in that schema, and
 * returns what a consumer of `topic` received (decoded) once `count` messages arrived. The
 * service's rows must already be committed to its outbox.
 */
export async function receivedThroughOutbox<T>(options: {
  pool: Pool;
  schema: string;
  topic: string;
  decode: MessageDecoder<T>;
  count: number;
}): Promise<{ data: T; delivery: Delivery }[]> {
  const { pool, schema } = options;
  const consumerSide = await createIntegrationBus({ service: `${schema}-spec`, BUS: 'embedded', pool, schema });
  const received: { data: T; delivery: Delivery }[] = [];
  const consumer = await consumerSide.subscribe({
    group: `${schema}-spec`,
    topics: [options.topic],
    decode: options.decode,
    handle: async (data, delivery) => void received.push({ data, delivery }),
  });
  const relay = new OutboxRelay({
    pool,
    schema,
    logger: createLogger({ service: `${schema}-spec`, level: 'silent' }),
    connect: () => createIntegrationBus({ service: `${schema}-spec`, BUS: 'embedded', pool, schema }),
  });
  relay.start();
  try {
    await eventually(() => received.length >= options.count, { what: `${options.count} message(s) on ${options.topic}` });
    return received;
  } finally {
    await relay.stop();
    await consumer.stop();
    await consumerSide.close();
  }
}

export type ServiceOutbox = {
  /** The service's pool (search_path = its schema), ready once beforeAll ran. */
  pool(): Pool;
  /** receivedThroughOutbox on the service's schema. */
  received<T>(options: { topic: string; decode: MessageDecoder<T>; count: number }): Promise<{ data: T; delivery: Delivery }[]>;
};

/**
 * A service's outbox spec on real PostgreSQL: a fresh database with the service's migrations, and
 * what its messages look like on the bus once the relay moved them. The relay's own guarantees
 * are this lib's contract spec; a service spec proves its message (topic, key, id, payload).
 */
export function describeServiceOutbox(title: string, service: { schema: string; migrations: readonly Migration[] }, body: (outbox: ServiceOutbox) => void): void {
  describeWithPostgres(title, (serverUrl) => {
    let database: { url: string; drop(): Promise<void> } | undefined;
    let pool: Pool | undefined;
    const ready = (): Pool => {
      if (!pool) throw new Error('the service database is not ready (beforeAll failed)');
      return pool;
    };

    beforeAll(async () => {
      database = await createTestDatabase(serverUrl, `${service.schema}_outbox`);
      pool = createPool(database.url, { schema: service.schema, max: 4 });
      await runMigrations(pool, service.schema, service.migrations);
    });

    afterAll(async () => {
      await pool?.end();
      await database?.drop();
    });

    body({ pool: ready, received: (options) => receivedThroughOutbox({ pool: ready(), schema: service.schema, ...options }) });
  });
}
