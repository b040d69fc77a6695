import { PostgresIntegrationBus } from '@zvonar/messaging-postgres';
import { projectsV1 } from '@zvonar/proto-ts';
import { eventually } from '@zvonar/testing';
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import type { Principal } from '../principal/principal';
import { PROJECTS_BUS_SCHEMA } from '../read-model/project-access.consumer';
import { projectEvents } from './project-event-messages';

/**
 * Plays the projects service in a service's specs (BUS=embedded): publishes what projects
 * publishes for a new project to its bus log (the `projects` schema) and waits until the service's
 * access read model (in `readModelSchema`) knows every member. For specs that do not run projects.
 */
export class ProjectsStandIn {
  private constructor(
    private readonly bus: PostgresIntegrationBus,
    private readonly pool: Pool,
    private readonly readModelSchema: string,
  ) {}

  /** `pool`: any pool on the service's database. */
  static async connect(pool: Pool, readModelSchema: string): Promise<ProjectsStandIn> {
    return new ProjectsStandIn(await PostgresIntegrationBus.connect({ pool, schema: PROJECTS_BUS_SCHEMA }), pool, readModelSchema);
  }

  /** A project of `owner` (with `editor` as an accepted editor), once the service knows them all. */
  async create({ owner, editor, projectId = `project-${randomUUID()}` }: { owner: Principal; editor?: Principal; projectId?: string }): Promise<string> {
    const at = new Date();
    const { ProjectRole } = projectsV1;
    await this.bus.publish([
      projectEvents.created(projectId, owner, at),
      projectEvents.granted(projectId, owner, ProjectRole.PROJECT_ROLE_OWNER, at),
      ...(editor ? [projectEvents.granted(projectId, editor, ProjectRole.PROJECT_ROLE_EDITOR, at)] : []),
    ]);
    const members = editor ? 2 : 1;
    await eventually(
      async () => {
        const { rows } = await this.pool.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM "${this.readModelSchema}".project_access_members WHERE project_id = $1`,
          [projectId],
        );
        return rows[0]?.n === members;
      },
      { what: `${this.readModelSchema} to know project ${projectId}`, timeoutMs: 15_000, intervalMs: 20 },
    );
    return projectId;
  }

  close(): Promise<void> {
    return this.bus.close();
  }
}
