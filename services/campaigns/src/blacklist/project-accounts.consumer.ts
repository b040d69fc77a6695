import type { IntegrationConsumer, IntegrationEventSubscriber } from '@zvonar/messaging';
import { PROJECT_EVENT_TYPES, PROJECT_TOPIC } from '@zvonar/project-access';
import { projectsV1 } from '@zvonar/proto-ts';
import type { Pool } from 'pg';
import { subscribeIdempotently } from '../dialing/integration/idempotent-subscription';
import { recordProjectAccount } from './blacklist.projection';

export const PROJECT_ACCOUNTS_CONSUMER = 'dialer-project-accounts';

/**
 * Fills project_accounts from the projects service's ProjectCreated (a project never changes
 * account), so an account-wide do-not-call entry blocks dials in every project of the account at
 * dial time, including projects that never had a project-scope blacklist entry. Other project
 * events are acknowledged and skipped.
 */
export function consumeProjectAccounts(subscriber: IntegrationEventSubscriber, pool: Pool, groupPrefix: string): Promise<IntegrationConsumer> {
  return subscribeIdempotently<projectsV1.ProjectCreated>({
    subscriber,
    pool,
    group: `${groupPrefix}-${PROJECT_ACCOUNTS_CONSUMER}`,
    consumer: PROJECT_ACCOUNTS_CONSUMER,
    topic: PROJECT_TOPIC,
    decode: (payload, message) => (message.type === PROJECT_EVENT_TYPES.created ? projectsV1.ProjectCreated.decode(payload) : null),
    apply: async (created, tx) => {
      // A creation without ids cannot place any project: dead-letter it rather than drop it.
      if (created.projectId === '' || created.accountId === '') throw new TypeError(`ProjectCreated without a project or account id (${created.projectId})`);
      await recordProjectAccount(tx, created.projectId, created.accountId);
    },
  });
}
