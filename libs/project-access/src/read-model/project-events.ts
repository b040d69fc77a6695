import { integrationTopic, type IntegrationMessage } from '@zvonar/messaging';
import { projectsV1 } from '@zvonar/proto-ts';

/** The projects service's topic, named by the shared rule; keyed by project id (per-project order). */
export const PROJECT_TOPIC = integrationTopic({ service: 'projects', category: 'project', version: 1 });

/** The integration message types on PROJECT_TOPIC (the proto messages' full names). */
export const PROJECT_EVENT_TYPES = {
  created: 'zvonar.projects.v1.ProjectCreated',
  memberGranted: 'zvonar.projects.v1.ProjectMemberGranted',
  memberRevoked: 'zvonar.projects.v1.ProjectMemberRevoked',
  archived: 'zvonar.projects.v1.ProjectArchived',
  unarchived: 'zvonar.projects.v1.ProjectUnarchived',
} as const;

/** One decoded project event; `unknown` for a type this version does not read (a newer producer). */
export type ProjectEvent =
  | { type: 'created'; event: projectsV1.ProjectCreated }
  | { type: 'memberGranted'; event: projectsV1.ProjectMemberGranted }
  | { type: 'memberRevoked'; event: projectsV1.ProjectMemberRevoked }
  | { type: 'archived'; event: projectsV1.ProjectArchived }
  | { type: 'unarchived'; event: projectsV1.ProjectUnarchived }
  | { type: 'unknown'; messageType: string };

/** Decodes by the message's type; a malformed payload throws (the bus dead-letters it). */
export function decodeProjectEvent(payload: Uint8Array, message: Pick<IntegrationMessage, 'type'>): ProjectEvent {
  switch (message.type) {
    case PROJECT_EVENT_TYPES.created:
      return { type: 'created', event: projectsV1.ProjectCreated.decode(payload) };
    case PROJECT_EVENT_TYPES.memberGranted:
      return { type: 'memberGranted', event: projectsV1.ProjectMemberGranted.decode(payload) };
    case PROJECT_EVENT_TYPES.memberRevoked:
      return { type: 'memberRevoked', event: projectsV1.ProjectMemberRevoked.decode(payload) };
    case PROJECT_EVENT_TYPES.archived:
      return { type: 'archived', event: projectsV1.ProjectArchived.decode(payload) };
    case PROJECT_EVENT_TYPES.unarchived:
      return { type: 'unarchived', event: projectsV1.ProjectUnarchived.decode(payload) };
    default:
      return { type: 'unknown', messageType: message.type };
  }
}

/** The read model's name for a proto ProjectRole; undefined for a role it does not know. */
export function memberRoleOf(role: projectsV1.ProjectRole): 'owner' | 'editor' | undefined {
  if (role === projectsV1.ProjectRole.PROJECT_ROLE_OWNER) return 'owner';
  if (role === projectsV1.ProjectRole.PROJECT_ROLE_EDITOR) return 'editor';
  return undefined;
}
