import type { IntegrationMessage } from '@zvonar/messaging';
import { PostgresIntegrationBus } from '@zvonar/messaging-postgres';
import type { Principal } from '@zvonar/project-access';
import { projectsV1 } from '@zvonar/proto-ts';
import { eventually } from '@zvonar/testing';
import type { Pool } from 'pg';
import { PROJECT_TOPIC, PROJECTS_BUS_SCHEMA } from '../src/segment/integration/blacklist-inputs.consumer';

const AT = new Date('2026-11-21T10:00:00Z');

export const projectCreated = (projectId: string, accountId: string): IntegrationMessage => ({
  messageId: `ProjectCreated:${projectId}`,
  topic: PROJECT_TOPIC,
  key: projectId,
  type: 'zvonar.projects.v1.ProjectCreated',
  payload: projectsV1.ProjectCreated.encode({ projectId, accountId, ownerUserId: `owner-of-${projectId}`, name: 'Проект', createdAt: AT }).finish(),
  occurredAt: AT,
  headers: {},
});

const ownerGranted = (projectId: string, owner: Principal): IntegrationMessage => ({
  messageId: `ProjectMemberGranted:${projectId}:${owner.userId}`,
  topic: PROJECT_TOPIC,
  key: projectId,
  type: 'zvonar.projects.v1.ProjectMemberGranted',
  payload: projectsV1.ProjectMemberGranted.encode({ projectId, userId: owner.userId, accountId: owner.accountId, role: projectsV1.ProjectRole.PROJECT_ROLE_OWNER, grantedAt: AT }).finish(),
  occurredAt: AT,
  headers: {},
});

/**
 * Plays the projects service in specs: its embedded bus log lives in the `projects` schema.
 * `create` publishes what projects publishes for a new project and waits until audiences knows it
 * (the access read model and the project's account).
 */
export class ProjectsStandIn {
  private constructor(
    readonly bus: PostgresIntegrationBus,
    private readonly pool: Pool,
  ) {}

  static async connect(pool: Pool): Promise<ProjectsStandIn> {
    return new ProjectsStandIn(await PostgresIntegrationBus.connect({ pool, schema: PROJECTS_BUS_SCHEMA }), pool);
  }

  async create(projectId: string, owner: Principal): Promise<string> {
    await this.bus.publish([projectCreated(projectId, owner.accountId), ownerGranted(projectId, owner)]);
    await eventually(
      async () => {
        const { rows } = await this.pool.query<{ known: boolean }>(
          `SELECT EXISTS (SELECT 1 FROM audiences.project_access_members WHERE project_id = $1)
              AND EXISTS (SELECT 1 FROM audiences.project_accounts WHERE project_id = $1) AS known`,
          [projectId],
        );
        return rows[0]?.known === true;
      },
      { what: `audiences to know project ${projectId}` },
    );
    return projectId;
  }

  close(): Promise<void> {
    return this.bus.close();
  }
}
