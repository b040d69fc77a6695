import { InMemoryIntegrationBus } from '@zvonar/messaging';
import { createLogger, createPool, runMigrations } from '@zvonar/platform';
import { createTestDatabase, describeWithPostgres, eventually } from '@zvonar/testing';
import type { Pool } from 'pg';
import { identityEventsV1 } from '../api/identity.proto';
import { identityMigrations } from '../infrastructure/identity.migrations';
import { inTransaction } from '../infrastructure/postgres.transaction';
import { OutboxForwarder, type ClosablePublisher } from './outbox.forwarder';
import { USER_REGISTERED, USER_TOPIC, writeUserRegistered } from './user-registered.outbox';

// The forwarder against the real outbox table. The bus is the in-memory adapter, which passes the
// same contract suite as the embedded and Kafka buses; what is under test is the forwarding.
describeWithPostgres('Identity outbox forwarder', (serverUrl) => {
  let database: { url: string; drop(): Promise<void> };
  let pool: Pool;

  beforeAll(async () => {
    database = await createTestDatabase(serverUrl, 'identity_outbox');
    pool = createPool(database.url, { schema: 'identity', max: 3 });
    await runMigrations(pool, 'identity', identityMigrations);
  });

  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  const register = (userId: string) =>
    inTransaction(pool, async (tx) => {
      const registeredAt = new Date('2026-03-02T09:00:00Z');
      await tx.query(
        `INSERT INTO users (user_id, account_id, email, password_hash, password_changed_at, consent_text_version, consent_accepted_at, registered_at)
         VALUES ($1, $2, $3, 'x', $4, '2026-01', $4, $4)`,
        [userId, `account-of-${userId}`, `${userId}@example.test`, registeredAt],
      );
      await writeUserRegistered(tx, { userId, accountId: `account-of-${userId}`, email: `${userId}@example.test`, passwordHash: 'x', promoCode: '', consentTextVersion: '2026-01', registeredAt });
    });

  it('publishes each committed UserRegistered once, after the bus comes up, and marks it', async () => {
    const bus = new InMemoryIntegrationBus();
    let connects = 0;
    const connect = async (): Promise<ClosablePublisher> => {
      connects += 1;
      if (connects === 1) throw new Error('bus still starting');
      return Object.assign(bus, { close: async () => undefined });
    };
    const forwarder = new OutboxForwarder({ pool, connect, logger: createLogger({ service: 'identity-spec', level: 'silent' }), pollMs: 5 });
    await register('user-1');
    forwarder.start();
    try {
      await eventually(() => bus.messagesOf(USER_TOPIC).length === 1, { what: 'the first message' });
      await register('user-2');
      forwarder.wake();
      await eventually(() => bus.messagesOf(USER_TOPIC).length === 2, { what: 'the second message' });
      // The mark commits just after the bus acknowledged.
      await eventually(async () => (await pool.query('SELECT 1 FROM outbox WHERE published_at IS NULL')).rowCount === 0, { what: 'every row marked' });
    } finally {
      await forwarder.stop();
    }
    const messages = bus.messagesOf(USER_TOPIC);
    expect(messages.map((message) => [message.messageId, message.key, message.type])).toEqual([
      ['UserRegistered:user-1', 'user-1', USER_REGISTERED],
      ['UserRegistered:user-2', 'user-2', USER_REGISTERED],
    ]);
    expect(identityEventsV1.UserRegistered.decode(messages[1]!.payload)).toMatchObject({ userId: 'user-2', accountId: 'account-of-user-2' });
    expect(connects).toBe(2);
  });
});
