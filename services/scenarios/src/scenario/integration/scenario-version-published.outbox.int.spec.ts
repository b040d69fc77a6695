import { withTransaction } from '@zvonar/messaging-postgres';
import { describeServiceOutbox } from '@zvonar/outbox/src/testing';
import { scenarioEventsV1 } from '../api/scenarios.proto';
import { scenariosMigrations } from '../infrastructure/scenarios.migrations';
import { SCENARIO_TOPIC, SCENARIO_VERSION_PUBLISHED, writeVersionPublished } from './scenario-version-published.outbox';

// The relay's guarantees are libs/outbox's contract spec; this proves the scenarios service's own
// message leaves its schema's outbox and reaches the bus, versions in order.
describeServiceOutbox('ScenarioVersionPublished through the outbox', { schema: 'scenarios', migrations: scenariosMigrations }, (outbox) => {
  it('reaches the bus keyed by the scenario, one message per version, in order', async () => {
    for (const version of [1, 2])
      await withTransaction(outbox.pool(), (tx) =>
        writeVersionPublished(tx, { scenarioId: 'scenario-1', projectId: 'project-1', version, name: 'Опрос', publishedAt: new Date('2026-03-02T09:00:00Z'), nodeCount: 3 }),
      );

    const received = await outbox.received({ topic: SCENARIO_TOPIC, decode: (bytes) => scenarioEventsV1.ScenarioVersionPublished.decode(bytes), count: 2 });

    expect(received.map(({ delivery }) => [delivery.message.messageId, delivery.message.key, delivery.message.type])).toEqual([
      ['ScenarioVersionPublished:scenario-1:1', 'scenario-1', SCENARIO_VERSION_PUBLISHED],
      ['ScenarioVersionPublished:scenario-1:2', 'scenario-1', SCENARIO_VERSION_PUBLISHED],
    ]);
    expect(received[1]!.data).toMatchObject({ scenarioId: 'scenario-1', projectId: 'project-1', version: 2, name: 'Опрос', nodeCount: 3 });
  });
});
