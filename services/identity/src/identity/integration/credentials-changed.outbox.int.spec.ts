import { describeServiceOutbox } from '@zvonar/outbox/src/testing';
import { identityEventsV1 } from '../api/identity.proto';
import { apiKeyRevoked } from '../domain/credentials-change';
import { identityMigrations } from '../infrastructure/identity.migrations';
import { inTransaction } from '../infrastructure/postgres.transaction';
import { CREDENTIALS_CHANGED, CREDENTIALS_TOPIC, writeCredentialsChanged } from './credentials-changed.outbox';

// The relay's guarantees are libs/outbox's contract spec; this proves identity's CredentialsChanged
// leaves its schema's outbox and reaches the bus (which action writes which change is the
// service's spec, test/identity.principal-caching.int.spec.ts).
describeServiceOutbox('CredentialsChanged through the outbox', { schema: 'identity', migrations: identityMigrations }, (outbox) => {
  it('reaches the bus keyed by the user, under the change id', async () => {
    const occurredAt = new Date('2026-03-02T09:00:00Z');
    await inTransaction(outbox.pool(), (tx) => writeCredentialsChanged(tx, apiKeyRevoked({ userId: 'user-1', accountId: 'account-1' }, 'key-1', occurredAt)));

    const [received] = await outbox.received({ topic: CREDENTIALS_TOPIC, decode: (bytes) => identityEventsV1.CredentialsChanged.decode(bytes), count: 1 });

    expect(CREDENTIALS_TOPIC).toBe('zvonar.identity.credentials.v1');
    expect(received!.delivery.message).toMatchObject({ messageId: 'ApiKeyRevoked:key-1', key: 'user-1', type: CREDENTIALS_CHANGED });
    expect(received!.data).toEqual({
      userId: 'user-1',
      accountId: 'account-1',
      change: identityEventsV1.CredentialsChange.CREDENTIALS_CHANGE_API_KEY_REVOKED,
      credentialId: 'key-1',
      occurredAt,
    });
  });
});
