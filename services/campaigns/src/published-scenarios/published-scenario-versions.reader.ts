import type { Pool } from 'pg';

/**
 * Campaigns' question to the read model: may a campaign pin this version? A launch with a
 * version the scenarios service never published is refused. The read model lags publishing by
 * the bus delay, so a version published a moment ago may not be known yet: retry, never assume.
 */
export class PublishedScenarioVersions {
  constructor(private readonly pool: Pool) {}

  async isPublished(scenarioId: string, version: number): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      'SELECT 1 FROM published_scenario_versions WHERE scenario_id = $1 AND version = $2',
      [scenarioId, version],
    );
    return (rowCount ?? 0) > 0;
  }
}
