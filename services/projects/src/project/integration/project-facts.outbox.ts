import { randomUUID } from 'node:crypto';
import { writeToOutbox } from '@zvonar/outbox';
import { PROJECT_EVENT_TYPES, PROJECT_TOPIC } from '@zvonar/project-access';
import { projectsV1 } from '@zvonar/proto-ts';
import type { PoolClient } from 'pg';
import type { MemberRole, ProjectFact } from '../domain/project';

export { PROJECT_TOPIC };

const roleOf: Record<MemberRole, projectsV1.ProjectRole> = {
  owner: projectsV1.ProjectRole.PROJECT_ROLE_OWNER,
  editor: projectsV1.ProjectRole.PROJECT_ROLE_EDITOR,
};

function encode(fact: ProjectFact): { type: string; payload: Uint8Array } {
  switch (fact.type) {
    case 'ProjectCreated':
      return {
        type: PROJECT_EVENT_TYPES.created,
        payload: projectsV1.ProjectCreated.encode({ projectId: fact.projectId, accountId: fact.accountId, ownerUserId: fact.ownerUserId, name: fact.name, createdAt: fact.at }).finish(),
      };
    case 'ProjectMemberGranted':
      return {
        type: PROJECT_EVENT_TYPES.memberGranted,
        payload: projectsV1.ProjectMemberGranted.encode({ projectId: fact.projectId, userId: fact.userId, accountId: fact.accountId, role: roleOf[fact.role], grantedAt: fact.at }).finish(),
      };
    case 'ProjectMemberRevoked':
      return {
        type: PROJECT_EVENT_TYPES.memberRevoked,
        payload: projectsV1.ProjectMemberRevoked.encode({ projectId: fact.projectId, userId: fact.userId, revokedAt: fact.at }).finish(),
      };
    case 'ProjectArchived':
      return { type: PROJECT_EVENT_TYPES.archived, payload: projectsV1.ProjectArchived.encode({ projectId: fact.projectId, archivedAt: fact.at }).finish() };
    case 'ProjectUnarchived':
      return { type: PROJECT_EVENT_TYPES.unarchived, payload: projectsV1.ProjectUnarchived.encode({ projectId: fact.projectId, unarchivedAt: fact.at }).finish() };
  }
}

/**
 * Writes a project fact to the outbox in the transaction of the change, keyed by project id so
 * consumers see one project's facts in order. The message id is fixed when the row is written,
 * so it stays the same however often the relay republishes it.
 */
export async function writeProjectFact(tx: PoolClient, fact: ProjectFact): Promise<void> {
  const { type, payload } = encode(fact);
  await writeToOutbox(tx, {
    messageId: `${fact.type}:${fact.projectId}:${randomUUID()}`,
    topic: PROJECT_TOPIC,
    key: fact.projectId,
    type,
    payload,
    occurredAt: fact.at,
    headers: {},
  });
}
