import { createPool } from '@zvonar/platform';
import type { Pool } from 'pg';

/** Reads campaigns' published-scenarios read model straight from its schema, as an operator would. */
export class CampaignsReadModel {
  private readonly pool: Pool;

  constructor(databaseUrl: string) {
    this.pool = createPool(databaseUrl, { schema: 'campaigns', max: 2 });
  }

  async versions(scenarioId: string): Promise<number[]> {
    const { rows } = await this.pool.query<{ version: number }>(
      'SELECT version FROM published_scenario_versions WHERE scenario_id = $1 ORDER BY version',
      [scenarioId],
    );
    return rows.map((row) => row.version);
  }

  /** How many versions the consumer applied for the scenario: more than the distinct versions means one was applied twice. */
  async appliedCount(scenarioId: string): Promise<number | undefined> {
    const { rows } = await this.pool.query<{ published_versions: number }>(
      'SELECT published_versions FROM published_scenarios WHERE scenario_id = $1',
      [scenarioId],
    );
    return rows[0]?.published_versions;
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
