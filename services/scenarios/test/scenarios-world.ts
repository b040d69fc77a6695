import { ProjectsStandIn } from '@zvonar/project-access/src/testing';
import { createTestDatabase } from '@zvonar/testing';
import { Pool } from 'pg';
import { startScenarios } from './start-scenarios';

/** A fresh database with scenarios running on it, and a stand-in of projects announcing projects to it. */
export type ScenariosWorld = {
  readonly database: { url: string; drop(): Promise<void> };
  readonly started: Awaited<ReturnType<typeof startScenarios>>;
  /** A pool on the database (any schema by its name). */
  readonly pool: Pool;
  readonly projects: ProjectsStandIn;
  stop(): Promise<void>;
};

/**
 * Scenarios without PROJECTS_GRPC_URL: its access read model alone answers, fed by the events the
 * stand-in publishes (`projects.create` resolves once scenarios knows the project).
 */
export async function startScenariosWorld(serverUrl: string, databasePrefix: string): Promise<ScenariosWorld> {
  const database = await createTestDatabase(serverUrl, databasePrefix);
  const started = await startScenarios({ DATABASE_URL: database.url, BUS: 'embedded' });
  const pool = new Pool({ connectionString: database.url, max: 2 });
  const projects = await ProjectsStandIn.connect(pool, 'scenarios');
  return {
    database,
    started,
    pool,
    projects,
    stop: async () => {
      await projects.close();
      await pool.end();
      await started.stop();
      await database.drop();
    },
  };
}
