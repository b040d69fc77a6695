import { integrationTopic } from '@zvonar/messaging';
import type { IntegrationMessage } from '@zvonar/messaging';
import { writeAllToOutbox, writeToOutbox } from '@zvonar/outbox';
import type { PoolClient } from 'pg';
import { audiencesV1 } from '../api/audiences.proto';

/** Where blacklist changes are published; keyed by account id (campaigns check them at dial time). */
export const BLACKLIST_TOPIC = integrationTopic({ service: 'audiences', category: 'blacklist', version: 1 });
export const BLACKLIST_ENTRY_ADDED = 'zvonar.audiences.v1.BlacklistEntryAdded';
export const BLACKLIST_ENTRY_REMOVED = 'zvonar.audiences.v1.BlacklistEntryRemoved';

/** A project blacklist's entry is a contact of one of its blacklist segments; the account's is a do-not-call row. */
export type BlacklistEntry =
  | { readonly scope: 'project'; readonly accountId: string; readonly projectId: string; readonly contactId: string; readonly phone: string; readonly source: string }
  | { readonly scope: 'account'; readonly accountId: string; readonly phone: string; readonly source: string };

const scopeOf = (entry: BlacklistEntry) =>
  entry.scope === 'project'
    ? audiencesV1.BlacklistEntryScope.BLACKLIST_ENTRY_SCOPE_PROJECT
    : audiencesV1.BlacklistEntryScope.BLACKLIST_ENTRY_SCOPE_ACCOUNT;

/** Stable per change, so a republished message is recognised as the same one downstream. */
const messageIdOf = (kind: 'Added' | 'Removed', entry: BlacklistEntry, at: Date): string =>
  entry.scope === 'project'
    ? `BlacklistEntry${kind}:contact:${entry.contactId}`
    : `BlacklistEntry${kind}:dnc:${entry.accountId}:${entry.phone}:${at.toISOString()}`;

/** One blacklist change as the outbox message keyed by the account. */
const changeMessage = (kind: 'Added' | 'Removed', entry: BlacklistEntry, at: Date, payload: Uint8Array): IntegrationMessage => ({
  messageId: messageIdOf(kind, entry, at),
  topic: BLACKLIST_TOPIC,
  key: entry.accountId,
  type: kind === 'Added' ? BLACKLIST_ENTRY_ADDED : BLACKLIST_ENTRY_REMOVED,
  payload,
  occurredAt: at,
  headers: {},
});

const projectIdOf = (entry: BlacklistEntry): string => (entry.scope === 'project' ? entry.projectId : '');

const addedMessage = (entry: BlacklistEntry, addedAt: Date): IntegrationMessage =>
  changeMessage(
    'Added',
    entry,
    addedAt,
    audiencesV1.BlacklistEntryAdded.encode({ accountId: entry.accountId, projectId: projectIdOf(entry), scope: scopeOf(entry), phone: entry.phone, source: entry.source, addedAt }).finish(),
  );

/** Writes BlacklistEntryAdded in the transaction that adds the entry. */
export function writeBlacklistEntryAdded(tx: PoolClient, entry: BlacklistEntry, addedAt: Date): Promise<void> {
  return writeToOutbox(tx, addedMessage(entry, addedAt));
}

/** BlacklistEntryAdded for many entries (an import's batch) in one statement of the caller's transaction. */
export function writeBlacklistEntriesAdded(tx: PoolClient, entries: readonly BlacklistEntry[], addedAt: Date): Promise<void> {
  return writeAllToOutbox(tx, entries.map((entry) => addedMessage(entry, addedAt)));
}

const removedMessage = (entry: BlacklistEntry, removedAt: Date): IntegrationMessage =>
  changeMessage(
    'Removed',
    entry,
    removedAt,
    audiencesV1.BlacklistEntryRemoved.encode({ accountId: entry.accountId, projectId: projectIdOf(entry), scope: scopeOf(entry), phone: entry.phone, removedAt }).finish(),
  );

/** Writes BlacklistEntryRemoved in the transaction that removes the entry. */
export function writeBlacklistEntryRemoved(tx: PoolClient, entry: BlacklistEntry, removedAt: Date): Promise<void> {
  return writeToOutbox(tx, removedMessage(entry, removedAt));
}

/** BlacklistEntryRemoved for many entries in one statement of the caller's transaction. */
export function writeBlacklistEntriesRemoved(tx: PoolClient, entries: readonly BlacklistEntry[], removedAt: Date): Promise<void> {
  return writeAllToOutbox(tx, entries.map((entry) => removedMessage(entry, removedAt)));
}
