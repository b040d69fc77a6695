import type { IntegrationMessage } from '@zvonar/messaging';
import { projectsV1 } from '@zvonar/proto-ts';
import { PROJECT_EVENT_TYPES, PROJECT_TOPIC } from '../read-model/project-events';

/** Who a project event names: a user of an account. */
export type Member = { readonly userId: string; readonly accountId: string };

let sequence = 0;

/**
 * A message on projects' topic as projects publishes it. Each gets its own id, so publishing the
 * same builder's result twice is a redelivery and two calls are two events.
 */
export const projectEventMessage = (type: string, projectId: string, payload: Uint8Array, at: Date): IntegrationMessage => ({
  messageId: `${type}:${projectId}:${++sequence}`,
  topic: PROJECT_TOPIC,
  key: projectId,
  type,
  payload,
  occurredAt: at,
  headers: {},
});

/** The events projects publishes, encoded, for specs that play projects. */
export const projectEvents = {
  created: (projectId: string, owner: Member, at: Date, name = 'Проект'): IntegrationMessage =>
    projectEventMessage(
      PROJECT_EVENT_TYPES.created,
      projectId,
      projectsV1.ProjectCreated.encode({ projectId, accountId: owner.accountId, ownerUserId: owner.userId, name, createdAt: at }).finish(),
      at,
    ),
  granted: (projectId: string, member: Member, role: projectsV1.ProjectRole, at: Date): IntegrationMessage =>
    projectEventMessage(
      PROJECT_EVENT_TYPES.memberGranted,
      projectId,
      projectsV1.ProjectMemberGranted.encode({ projectId, userId: member.userId, accountId: member.accountId, role, grantedAt: at }).finish(),
      at,
    ),
  revoked: (projectId: string, userId: string, at: Date): IntegrationMessage =>
    projectEventMessage(PROJECT_EVENT_TYPES.memberRevoked, projectId, projectsV1.ProjectMemberRevoked.encode({ projectId, userId, revokedAt: at }).finish(), at),
  archived: (projectId: string, at: Date): IntegrationMessage =>
    projectEventMessage(PROJECT_EVENT_TYPES.archived, projectId, projectsV1.ProjectArchived.encode({ projectId, archivedAt: at }).finish(), at),
  unarchived: (projectId: string, at: Date): IntegrationMessage =>
    projectEventMessage(PROJECT_EVENT_TYPES.unarchived, projectId, projectsV1.ProjectUnarchived.encode({ projectId, unarchivedAt: at }).finish(), at),
};
