import { integrationTopic } from '@zvonar/messaging';
import type { PostgresIntegrationBus } from '@zvonar/messaging-postgres';
import type { PoolClient } from 'pg';
import { identityEventsV1 } from '../api/identity.proto';
import type { NewUser } from '../application/users.port';

/** Where identity publishes user facts; keyed by user id. */
export const USER_TOPIC = integrationTopic({ service: 'identity', category: 'user', version: 1 });
export const USER_REGISTERED = 'zvonar.identity.v1.UserRegistered';

/**
 * UserRegistered, appended to the embedded bus log in the transaction that inserts the user (the
 * outbox form of PostgresIntegrationBus): it leaves if and only if the user exists. The message
 * id is derived from the user id, so it is the same however often it is delivered.
 */
export const userRegisteredWriter =
  (bus: Pick<PostgresIntegrationBus, 'publishInTransaction'>) =>
  (tx: PoolClient, user: NewUser): Promise<void> =>
    bus.publishInTransaction(tx, [
      {
        messageId: `UserRegistered:${user.userId}`,
        topic: USER_TOPIC,
        key: user.userId,
        type: USER_REGISTERED,
        payload: identityEventsV1.UserRegistered.encode({
          userId: user.userId,
          accountId: user.accountId,
          email: user.email,
          promoCode: user.promoCode,
          consentTextVersion: user.consentTextVersion,
          registeredAt: user.registeredAt,
        }).finish(),
        occurredAt: user.registeredAt,
        headers: {},
      },
    ]);
