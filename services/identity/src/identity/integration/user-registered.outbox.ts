import { integrationTopic } from '@zvonar/messaging';
import { writeToOutbox } from '@zvonar/outbox';
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
  await writeToOutbox(tx, {
    messageId: `UserRegistered:${user.userId}`,
    topic: USER_TOPIC,
    key: user.userId,
    type: USER_REGISTERED,
    payload,
    occurredAt: user.registeredAt,
    headers: {},
  });
}
