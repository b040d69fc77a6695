import { integrationTopic } from '@zvonar/messaging';
import type { PoolClient } from 'pg';
import { identityEventsV1 } from '../api/identity.proto';
import type { NewUser } from '../application/users.port';

/** Where identity publishes user facts; keyed by user id. */
export const USER_TOPIC = integrationTopic({ service: 'identity', category: 'user', version: 1 });
export const USER_REGISTERED = 'zvonar.identity.v1.UserRegistered';

/**
 * Writes UserRegistered to the outbox in the transaction that inserts the user: it leaves if and
 * only if the user exists. The message id is derived from the user id, so every redelivery
 * carries the same one.
 */
export async function writeUserRegistered(tx: PoolClient, user: NewUser): Promise<void> {
  const payload = identityEventsV1.UserRegistered.encode({
    userId: user.userId,
    accountId: user.accountId,
    email: user.email,
    promoCode: user.promoCode,
    consentTextVersion: user.consentTextVersion,
    registeredAt: user.registeredAt,
  }).finish();
  await tx.query('INSERT INTO outbox (message_id, topic, message_key, type, payload, occurred_at) VALUES ($1, $2, $3, $4, $5, $6)', [
    `UserRegistered:${user.userId}`,
    USER_TOPIC,
    user.userId,
    USER_REGISTERED,
    Buffer.from(payload),
    user.registeredAt,
  ]);
}
