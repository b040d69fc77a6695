import { integrationTopic } from '@zvonar/messaging';
import { writeToOutbox } from '@zvonar/outbox';
import type { PoolClient } from 'pg';
import { identityEventsV1 } from '../api/identity.proto';
import type { CredentialsChange, CredentialsChangeKind } from '../domain/credentials-change';

/** Where identity announces changes that end or alter cached principals; keyed by user id. */
export const CREDENTIALS_TOPIC = integrationTopic({ service: 'identity', category: 'credentials', version: 1 });
export const CREDENTIALS_CHANGED = 'zvonar.identity.v1.CredentialsChanged';

const changeToProto: Record<CredentialsChangeKind, identityEventsV1.CredentialsChange> = {
  SessionEnded: identityEventsV1.CredentialsChange.CREDENTIALS_CHANGE_SESSION_ENDED,
  AllSessionsEnded: identityEventsV1.CredentialsChange.CREDENTIALS_CHANGE_ALL_SESSIONS_ENDED,
  ApiKeyRevoked: identityEventsV1.CredentialsChange.CREDENTIALS_CHANGE_API_KEY_REVOKED,
  PrincipalChanged: identityEventsV1.CredentialsChange.CREDENTIALS_CHANGE_PRINCIPAL_CHANGED,
};

/**
 * Writes CredentialsChanged to the outbox in the transaction that makes the change: it leaves if
 * and only if the change committed, keyed by the user so a consumer sees one user's changes in
 * order, under the change's own id on every redelivery.
 */
export async function writeCredentialsChanged(tx: PoolClient, change: CredentialsChange): Promise<void> {
  const payload = identityEventsV1.CredentialsChanged.encode({
    userId: change.userId,
    accountId: change.accountId,
    change: changeToProto[change.kind],
    credentialId: change.credentialId,
    occurredAt: change.occurredAt,
  }).finish();
  await writeToOutbox(tx, { messageId: change.changeId, topic: CREDENTIALS_TOPIC, key: change.userId, type: CREDENTIALS_CHANGED, payload, occurredAt: change.occurredAt, headers: {} });
}
