import { describeServiceOutbox } from '@zvonar/outbox/src/testing';
import { identityEventsV1 } from '../api/identity.proto';
import { identityMigrations } from '../infrastructure/identity.migrations';
import { inTransaction } from '../infrastructure/postgres.transaction';
import { USER_REGISTERED, USER_TOPIC, writeUserRegistered } from './user-registered.outbox';

// The relay's guarantees are libs/outbox's contract spec; this proves identity's own message
// leaves its schema's outbox and reaches the bus.
describeServiceOutbox('UserRegistered through the outbox', { schema: 'identity', migrations: identityMigrations }, (outbox) => {
  it('reaches the bus keyed by the user, with a stable message id', async () => {
    const registeredAt = new Date('2026-03-02T09:00:00Z');
    const user = { userId: 'user-1', accountId: 'account-1', email: 'user-1@example.test', passwordHash: 'x', promoCode: 'SPRING', consentTextVersion: '2026-01', registeredAt };
    await inTransaction(outbox.pool(), async (tx) => {
      await tx.query(
        `INSERT INTO users (user_id, account_id, email, password_hash, password_changed_at, consent_text_version, consent_accepted_at, registered_at)
         VALUES ($1, $2, $3, 'x', $4, '2026-01', $4, $4)`,
        [user.userId, user.accountId, user.email, registeredAt],
      );
      await writeUserRegistered(tx, user);
    });

    const [received] = await outbox.received({ topic: USER_TOPIC, decode: (bytes) => identityEventsV1.UserRegistered.decode(bytes), count: 1 });

    expect(received!.delivery.message).toMatchObject({ messageId: 'UserRegistered:user-1', key: 'user-1', type: USER_REGISTERED });
    expect(received!.data).toMatchObject({ userId: 'user-1', accountId: 'account-1', email: 'user-1@example.test', promoCode: 'SPRING', consentTextVersion: '2026-01' });
  });
});
