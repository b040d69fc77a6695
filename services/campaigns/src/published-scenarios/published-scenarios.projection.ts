import type { ClientBase } from 'pg';

/** What the projection needs from ScenarioVersionPublished. */
export type ScenarioVersionPublishedFact = {
  readonly scenarioId: string;
  readonly projectId: string;
  readonly version: number;
  readonly name: string;
  readonly nodeCount: number;
  readonly publishedAt: Date;
};

/**
 * Applies one published version inside the consumer's transaction (the one that records the
 * message id). Versions can arrive out of order across scenarios but not within one (same key),
 * and the summary keeps the newest version whatever the order.
 */
export async function applyVersionPublished(
  tx: ClientBase,
  fact: ScenarioVersionPublishedFact,
  messageId: string,
): Promise<void> {
  await tx.query(
    `INSERT INTO published_scenario_versions (scenario_id, version, project_id, name, node_count, published_at, message_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [fact.scenarioId, fact.version, fact.projectId, fact.name, fact.nodeCount, fact.publishedAt, messageId],
  );
  await tx.query(
    `INSERT INTO published_scenarios AS current (scenario_id, project_id, name, latest_version, published_versions)
     VALUES ($1, $2, $3, $4, 1)
     ON CONFLICT (scenario_id) DO UPDATE SET
       published_versions = current.published_versions + 1,
       name = CASE WHEN EXCLUDED.latest_version > current.latest_version THEN EXCLUDED.name ELSE current.name END,
       latest_version = GREATEST(current.latest_version, EXCLUDED.latest_version)`,
    [fact.scenarioId, fact.projectId, fact.name, fact.version],
  );
}
