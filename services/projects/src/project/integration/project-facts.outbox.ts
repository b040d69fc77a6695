import { randomUUID } from 'node:crypto';
import { integrationTopic } from '@zvonar/messaging';
import { writeToOutbox } from '@zvonar/outbox';
import { PROJECT_EVENT_TYPES, PROJECT_TOPIC } from '@zvonar/project-access';
import { projectsV1 } from '@zvonar/proto-ts';
import type { PoolClient } from 'pg';
import type { MemberRole, ProjectFact, ProjectInvitationIssued } from '../domain/project';

export { PROJECT_TOPIC };

/**
 * Invitations to be emailed, keyed by invitation id. Apart from PROJECT_TOPIC because they carry
 * the secret token, and every service's access read model consumes the project topic.
 */
export const INVITATION_TOPIC = integrationTopic({ service: 'projects', category: 'invitation', version: 1 });
export const INVITATION_ISSUED_TYPE = 'zvonar.projects.v1.ProjectInvitationIssued';

/** Every topic the projects outbox writes to (Kafka creates them at the relay's start). */
export const PROJECTS_TOPICS: readonly string[] = [PROJECT_TOPIC, INVITATION_TOPIC];

const roleOf: Record<MemberRole, projectsV1.ProjectRole> = {
  owner: projectsV1.ProjectRole.PROJECT_ROLE_OWNER,
  editor: projectsV1.ProjectRole.PROJECT_ROLE_EDITOR,
};

type Encoded = { type: string; payload: Uint8Array };

const invitationMessage = (fact: ProjectInvitationIssued): Encoded => ({
  type: INVITATION_ISSUED_TYPE,
  payload: projectsV1.ProjectInvitationIssued.encode({
    invitationId: fact.invitationId,
    projectId: fact.projectId,
    projectName: fact.projectName,
    inviteeEmail: fact.inviteeEmail,
    inviterUserId: fact.inviterUserId,
    inviterEmail: fact.inviterEmail,
    token: fact.token,
    issuedAt: fact.at,
    expiresAt: fact.expiresAt,
    language: fact.language,
  }).finish(),
});

function encode(fact: Exclude<ProjectFact, ProjectInvitationIssued>): Encoded {
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
 * Writes a project fact to the outbox in the transaction of the change: access facts on the
 * project topic keyed by project id (consumers see one project's facts in order), invitations on
 * their own topic keyed by invitation id. The message id is fixed when the row is written, so it
 * stays the same however often the relay republishes it.
 */
export async function writeProjectFact(tx: PoolClient, fact: ProjectFact): Promise<void> {
  if (fact.type === 'ProjectInvitationIssued') {
    await writeToOutbox(tx, {
      messageId: `${fact.type}:${fact.invitationId}`,
      topic: INVITATION_TOPIC,
      key: fact.invitationId,
      ...invitationMessage(fact),
      occurredAt: fact.at,
      headers: {},
    });
    return;
  }
  await writeToOutbox(tx, {
    messageId: `${fact.type}:${fact.projectId}:${randomUUID()}`,
    topic: PROJECT_TOPIC,
    key: fact.projectId,
    ...encode(fact),
    occurredAt: fact.at,
    headers: {},
  });
}
