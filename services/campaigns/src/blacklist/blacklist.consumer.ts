import { integrationTopic, type IntegrationConsumer, type IntegrationEventSubscriber, type IntegrationMessage } from '@zvonar/messaging';
import { audiencesV1 } from '@zvonar/proto-ts';
import type { Pool } from 'pg';
import { subscribeIdempotently } from '../dialing/integration/idempotent-subscription';
import { addBlacklistEntry, removeBlacklistEntry, type BlacklistScope } from './blacklist.projection';

/** Audiences' blacklist events, keyed by account id (named by the shared rule; services never import each other). */
export const BLACKLIST_TOPIC = integrationTopic({ service: 'audiences', category: 'blacklist', version: 1 });
export const BLACKLIST_CONSUMER = 'dialer-blacklist';
/** In the embedded mode audiences' bus log lives in its own schema. */
export const AUDIENCES_BUS_SCHEMA = 'audiences';

const ADDED = 'zvonar.audiences.v1.BlacklistEntryAdded';
const REMOVED = 'zvonar.audiences.v1.BlacklistEntryRemoved';

type BlacklistChange =
  | { readonly kind: 'added'; readonly event: audiencesV1.BlacklistEntryAdded }
  | { readonly kind: 'removed'; readonly event: audiencesV1.BlacklistEntryRemoved };

const scopeOf = (scope: audiencesV1.BlacklistEntryScope): BlacklistScope => {
  if (scope === audiencesV1.BlacklistEntryScope.BLACKLIST_ENTRY_SCOPE_PROJECT) return 'project';
  if (scope === audiencesV1.BlacklistEntryScope.BLACKLIST_ENTRY_SCOPE_ACCOUNT) return 'account';
  // A blacklist entry the dialer cannot place must not be dropped silently: dead-letter it.
  throw new TypeError(`blacklist entry without a scope (${scope})`);
};

const decodeChange = (payload: Uint8Array, message: IntegrationMessage): BlacklistChange | null => {
  if (message.type === ADDED) return { kind: 'added', event: audiencesV1.BlacklistEntryAdded.decode(payload) };
  if (message.type === REMOVED) return { kind: 'removed', event: audiencesV1.BlacklistEntryRemoved.decode(payload) };
  return null;
};

/** Keeps blacklist_entries in step with audiences; the dialer reads it when it claims contacts. */
export function consumeBlacklist(subscriber: IntegrationEventSubscriber, pool: Pool, groupPrefix: string): Promise<IntegrationConsumer> {
  return subscribeIdempotently<BlacklistChange>({
    subscriber,
    pool,
    group: `${groupPrefix}-${BLACKLIST_CONSUMER}`,
    consumer: BLACKLIST_CONSUMER,
    topic: BLACKLIST_TOPIC,
    decode: decodeChange,
    apply: async (change, tx) => {
      const { accountId, projectId, phone } = change.event;
      const scope = scopeOf(change.event.scope);
      if (change.kind === 'added') {
        await addBlacklistEntry(tx, { accountId, projectId, scope, phone, source: change.event.source, at: change.event.addedAt ?? new Date(0) });
      } else {
        await removeBlacklistEntry(tx, { accountId, projectId, scope, phone });
      }
    },
  });
}
