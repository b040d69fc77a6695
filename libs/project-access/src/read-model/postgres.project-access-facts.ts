import type { Pool } from 'pg';
import type { MemberRole, ProjectAccessFacts } from '../access/domain/access-policy';
import type { ProjectAccessFactsSource } from '../access/project-access.port';

/**
 * Facts from the read model in the service's own schema (the pool's search_path). It lags the
 * projects service by the bus delay: a project created a moment ago may be "not found" for a
 * moment; a client retries, the service never guesses.
 */
export class PostgresProjectAccessFacts implements ProjectAccessFactsSource {
  constructor(private readonly pool: Pool) {}

  async factsOf(projectId: string, userId: string): Promise<ProjectAccessFacts | undefined> {
    const { rows } = await this.pool.query<{ archived: boolean; role: MemberRole | null }>(
      `SELECT p.archived, m.role
         FROM project_access_projects p
         LEFT JOIN project_access_members m ON m.project_id = p.project_id AND m.user_id = $2
        WHERE p.project_id = $1`,
      [projectId, userId],
    );
    const [row] = rows;
    return row ? { archived: row.archived, role: row.role ?? undefined } : undefined;
  }
}
