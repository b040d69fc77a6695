import { integrationTopic } from '@zvonar/messaging';
import { writeToOutbox } from '@zvonar/outbox';
import type { PoolClient } from 'pg';
import { scenarioEventsV1 } from '../api/scenarios.proto';
import type { VersionPublished } from '../application/scenario-store.port';

/** Where the scenarios service publishes its integration events; keyed by scenario id. */
export const SCENARIO_TOPIC = integrationTopic({ service: 'scenarios', category: 'scenario', version: 1 });
export const SCENARIO_VERSION_PUBLISHED = 'zvonar.scenarios.v1.ScenarioVersionPublished';

/**
 * Writes ScenarioVersionPublished to the outbox in the transaction that stores the version. The
 * message id is derived from the version, so it is stable however often the relay republishes it.
 */
export async function writeVersionPublished(tx: PoolClient, published: VersionPublished): Promise<void> {
  const payload = scenarioEventsV1.ScenarioVersionPublished.encode({
    scenarioId: published.scenarioId,
    projectId: published.projectId,
    version: published.version,
    name: published.name,
    publishedAt: published.publishedAt,
    nodeCount: published.nodeCount,
  }).finish();
  await writeToOutbox(tx, {
    messageId: `ScenarioVersionPublished:${published.scenarioId}:${published.version}`,
    topic: SCENARIO_TOPIC,
    key: published.scenarioId,
    type: SCENARIO_VERSION_PUBLISHED,
    payload,
    occurredAt: published.publishedAt,
    headers: {},
  });
}
