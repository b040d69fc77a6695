import type { PoolClient } from 'pg';
import { lockMembership } from './postgres.project-access-facts';
import { memberRoleOf, type ProjectEvent } from './project-events';

const timeOf = (at: Date | undefined, what: string): Date => {
  // Without its time an event cannot be ordered against others: a producer bug, dead-lettered.
  if (!at) throw new TypeError(`${what} carries no time`);
  return at;
};

/**
 * Applies one project event to the read model in the consumer's transaction (the processed
 * message id is written in the same one). Events of one project arrive in order (the topic is
 * keyed by project id), so each statement states the new truth rather than merging; upserts keep
 * a replay from the beginning of the topic harmless.
 */
export async function applyProjectEvent(tx: PoolClient, projectEvent: ProjectEvent): Promise<void> {
  switch (projectEvent.type) {
    case 'created': {
      const { projectId, accountId, createdAt } = projectEvent.event;
      await tx.query(
        `INSERT INTO project_access_projects (project_id, account_id, archived, changed_at) VALUES ($1, $2, false, $3)
         ON CONFLICT (project_id) DO UPDATE SET account_id = EXCLUDED.account_id`,
        [projectId, accountId, timeOf(createdAt, 'ProjectCreated')],
      );
      return;
    }
    case 'memberGranted': {
      const { projectId, userId, accountId, role, grantedAt } = projectEvent.event;
      const memberRole = memberRoleOf(role);
      if (!memberRole) throw new TypeError(`ProjectMemberGranted for ${projectId} has role ${role}`);
      await tx.query(
        `INSERT INTO project_access_members (project_id, user_id, account_id, role, granted_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (project_id, user_id) DO UPDATE SET role = EXCLUDED.role, account_id = EXCLUDED.account_id, granted_at = EXCLUDED.granted_at`,
        [projectId, userId, accountId, memberRole, timeOf(grantedAt, 'ProjectMemberGranted')],
      );
      return;
    }
    case 'memberRevoked': {
      const { projectId, userId, revokedAt } = projectEvent.event;
      await lockMembership(tx, projectId, userId);
      await tx.query('DELETE FROM project_access_members WHERE project_id = $1 AND user_id = $2', [projectId, userId]);
      // Remembered so that a fill from the projects service read before this revoke is refused.
      await tx.query(
        `INSERT INTO project_access_revocations (project_id, user_id, revoked_at) VALUES ($1, $2, $3)
         ON CONFLICT (project_id, user_id) DO UPDATE SET revoked_at = GREATEST(project_access_revocations.revoked_at, EXCLUDED.revoked_at)`,
        [projectId, userId, timeOf(revokedAt, 'ProjectMemberRevoked')],
      );
      return;
    }
    case 'archived':
    case 'unarchived': {
      const archived = projectEvent.type === 'archived';
      const at = 'archivedAt' in projectEvent.event ? projectEvent.event.archivedAt : projectEvent.event.unarchivedAt;
      await tx.query('UPDATE project_access_projects SET archived = $2, changed_at = $3 WHERE project_id = $1', [
        projectEvent.event.projectId,
        archived,
        timeOf(at, projectEvent.type === 'archived' ? 'ProjectArchived' : 'ProjectUnarchived'),
      ]);
      return;
    }
    case 'unknown':
      // A newer projects service announces something this version does not need: skip it.
      return;
  }
}
