import type { IntegrationEventPublisher, IntegrationMessage } from '@zvonar/messaging';
import { createLogger, createPool, runMigrations } from '@zvonar/platform';
import { createTestDatabase, describeWithPostgres, eventually } from '@zvonar/testing';
import type { Pool } from 'pg';
// The messaging lib's helper; its index does not export it yet.
import { withTransaction } from '@zvonar/messaging-postgres/src/postgres.transaction';
import { scenariosMigrations } from '../infrastructure/scenarios.migrations';
import { OutboxRelay } from './outbox.relay';
import { writeVersionPublished } from './scenario-version-published.outbox';

/** A bus that refuses the first `failures` batches, then records what it acknowledged. */
class FlakyBus implements IntegrationEventPublisher {
  readonly acknowledged: IntegrationMessage[] = [];
  constructor(private failures: number) {}

  async publish(messages: readonly IntegrationMessage[]): Promise<void> {
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('bus unavailable');
    }
    this.acknowledged.push(...messages);
  }
}

describeWithPostgres('OutboxRelay', (serverUrl) => {
  let database: { url: string; drop(): Promise<void> };
  let pool: Pool;
  const logger = createLogger({ service: 'scenarios-test', level: 'silent' });

  beforeAll(async () => {
    database = await createTestDatabase(serverUrl, 'scenarios_outbox');
    pool = createPool(database.url, { schema: 'scenarios', max: 6 });
    await runMigrations(pool, 'scenarios', scenariosMigrations);
  });

  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  const write = (scenarioId: string, versions: number[]) =>
    withTransaction(pool, async (tx) => {
      for (const version of versions) {
        await writeVersionPublished(tx, {
          scenarioId,
          projectId: 'p',
          version,
          name: 'n',
          publishedAt: new Date(),
          nodeCount: 1,
        });
      }
    });
  const unpublished = async () =>
    (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL')).rows[0]!.n;

  it('keeps messages the bus refused and publishes them, in order, once it answers', async () => {
    await write('scenario-flaky', [1, 2, 3]);
    const bus = new FlakyBus(2);
    const relay = new OutboxRelay({ pool, publisher: bus, logger, pollIntervalMs: 20 });
    relay.start();
    try {
      await eventually(async () => (await unpublished()) === 0, { what: 'the outbox to drain' });
    } finally {
      await relay.stop();
    }
    expect(bus.acknowledged.map((message) => message.messageId)).toEqual([
      'ScenarioVersionPublished:scenario-flaky:1',
      'ScenarioVersionPublished:scenario-flaky:2',
      'ScenarioVersionPublished:scenario-flaky:3',
    ]);
  });

  it('lets one relay work at a time across replicas: each message once, in order', async () => {
    const bus = new FlakyBus(0);
    const relays = [1, 2, 3].map(
      () => new OutboxRelay({ pool, publisher: bus, logger, pollIntervalMs: 5, batchSize: 3 }),
    );
    relays.forEach((relay) => relay.start());
    try {
      for (let batch = 0; batch < 10; batch += 1)
        await write('scenario-replicas', [batch * 3 + 1, batch * 3 + 2, batch * 3 + 3]);
      relays.forEach((relay) => relay.wake());
      await eventually(async () => (await unpublished()) === 0, { what: 'the outbox to drain' });
    } finally {
      await Promise.all(relays.map((relay) => relay.stop()));
    }
    const versions = bus.acknowledged
      .filter((message) => message.key === 'scenario-replicas')
      .map((message) => Number(message.messageId.split(':')[2]));
    expect(versions).toEqual(Array.from({ length: 30 }, (_, index) => index + 1));
  });
});
