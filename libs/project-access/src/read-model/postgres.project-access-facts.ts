import { withTransaction } from '@zvonar/messaging-postgres';
import type { Pool, PoolClient } from 'pg';
import type { MemberRole, ProjectAccessFacts } from '../access/domain/access-policy';
import type { ProjectAccessFactsSource, ProjectAccessRecord } from '../access/project-access.port';

/**
 * Serialises a revoke and a fill of one membership (until the transaction ends): without it a fill
 * could check for the revoke while the revoke is not yet committed, and bring the member back.
 */
export async function lockMembership(tx: PoolClient, projectId: string, userId: string): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('project_access_members'), hashtext($1 || '/' || $2))`, [projectId, userId]);
}

/**
 * Facts from the read model in the service's own schema (the pool's search_path). It lags the
 * projects service by the bus delay; ReadYourWritesFacts covers that lag by asking projects on a
 * miss and filling the answer in here.
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

  /**
   * Writes what the projects service answered, only where the read model has no row yet: the
   * events are the read model's truth and overwrite a fill when they arrive (a fill of the same
   * facts changes nothing, so the later events change nothing either). A membership is not filled
   * when a revoke at or after its grant is on record — the answer was read before that revoke.
   */
  async fill(record: ProjectAccessRecord): Promise<void> {
    await withTransaction(this.pool, async (tx) => {
      await tx.query(
        `INSERT INTO project_access_projects (project_id, account_id, archived, changed_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (project_id) DO NOTHING`,
        [record.projectId, record.accountId, record.archived, record.changedAt],
      );
      const { member } = record;
      if (!member) return;
      // Queues behind a revoke being applied to the same membership, so its record is seen.
      await lockMembership(tx, record.projectId, member.userId);
      await tx.query(
        `INSERT INTO project_access_members (project_id, user_id, account_id, role, granted_at)
         SELECT $1, $2, $3, $4, $5
          WHERE NOT EXISTS (SELECT 1 FROM project_access_revocations r WHERE r.project_id = $1 AND r.user_id = $2 AND r.revoked_at >= $5)
         ON CONFLICT (project_id, user_id) DO NOTHING`,
        [record.projectId, member.userId, member.accountId, member.role, member.grantedAt],
      );
    });
  }
}
