import type { IntegrationMessage } from '@zvonar/messaging';
import { PostgresIntegrationBus } from '@zvonar/messaging-postgres';
import { createPool, startService, type RunningService } from '@zvonar/platform';
import { scenariosV1 } from '@zvonar/proto-ts';
import { createTestDatabase, describeWithPostgres, eventually } from '@zvonar/testing';
import { Pool } from 'pg';
import { campaignsService } from '../campaigns.service';
import { PublishedScenarioVersions } from './published-scenario-versions.reader';
import { SCENARIO_TOPIC } from './published-scenarios.consumer';

const published = (scenarioId: string, version: number): IntegrationMessage => ({
  messageId: `ScenarioVersionPublished:${scenarioId}:${version}`,
  topic: SCENARIO_TOPIC,
  key: scenarioId,
  type: 'zvonar.scenarios.v1.ScenarioVersionPublished',
  payload: scenariosV1.ScenarioVersionPublished.encode({
    scenarioId,
    projectId: 'project-1',
    version,
    name: `Опрос v${version}`,
    publishedAt: new Date('2026-03-01T10:00:00Z'),
    nodeCount: 4,
  }).finish(),
  occurredAt: new Date('2026-03-01T10:00:00Z'),
  headers: {},
});

describeWithPostgres('published scenario versions (campaigns read model, embedded bus)', (serverUrl) => {
  let database: { url: string; drop(): Promise<void> };
  let campaigns: RunningService;
  let pool: Pool;
  let producer: PostgresIntegrationBus;

  beforeAll(async () => {
    database = await createTestDatabase(serverUrl, 'campaigns_published');
    pool = new Pool({ connectionString: database.url, max: 4 });
    // The test plays the scenarios service: its embedded bus log lives in the scenarios schema.
    producer = await PostgresIntegrationBus.connect({ pool, schema: 'scenarios' });
    campaigns = await startService(campaignsService, {
      DATABASE_URL: database.url,
      BUS: 'embedded',
      // Required by the dialer hosted in the service; no campaign starts here, so nothing calls it.
      AUDIENCES_GRPC_URL: '127.0.0.1:9',
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: '0',
      GRPC_HOST: '127.0.0.1',
      GRPC_PORT: '0',
      LOG_LEVEL: 'warn',
    });
  });

  afterAll(async () => {
    await campaigns?.shutdown();
    await producer?.close();
    await pool?.end();
    await database?.drop();
  });

  const versionsOf = async (scenarioId: string) =>
    (
      await pool.query<{ version: number }>(
        'SELECT version FROM campaigns.published_scenario_versions WHERE scenario_id = $1 ORDER BY version',
        [scenarioId],
      )
    ).rows.map((row) => row.version);
  const summaryOf = async (scenarioId: string) =>
    (
      await pool.query(
        'SELECT name, latest_version, published_versions FROM campaigns.published_scenarios WHERE scenario_id = $1',
        [scenarioId],
      )
    ).rows[0];

  it('records every published version and answers whether a version may be pinned', async () => {
    await producer.publish([published('scenario-a', 1), published('scenario-a', 2)]);
    await eventually(async () => (await versionsOf('scenario-a')).length === 2, {
      what: 'both versions in the read model',
    });
    expect(await summaryOf('scenario-a')).toEqual({ name: 'Опрос v2', latest_version: 2, published_versions: 2 });
    const campaignsPool = createPool(database.url, { schema: 'campaigns', max: 1 });
    try {
      const reader = new PublishedScenarioVersions(campaignsPool);
      expect(await reader.isPublished('scenario-a', 2)).toBe(true);
      expect(await reader.isPublished('scenario-a', 3)).toBe(false);
    } finally {
      await campaignsPool.end();
    }
  });

  it('applies a redelivered message once: the per-scenario counter does not move', async () => {
    await producer.publish([published('scenario-b', 1)]);
    await eventually(async () => (await versionsOf('scenario-b')).length === 1, { what: 'version 1' });
    // The same message ids again (what a crash before the offset commit causes), then a new
    // version with the same key: once it is applied, the duplicates before it were handled.
    await producer.publish([published('scenario-b', 1), published('scenario-b', 1), published('scenario-b', 2)]);
    await eventually(async () => (await versionsOf('scenario-b')).length === 2, { what: 'version 2' });
    expect(await summaryOf('scenario-b')).toEqual({ name: 'Опрос v2', latest_version: 2, published_versions: 2 });
    const { rows } = await pool.query(
      `SELECT count(*)::int AS n FROM campaigns.processed_messages WHERE message_id LIKE 'ScenarioVersionPublished:scenario-b:%'`,
    );
    expect(rows[0]).toEqual({ n: 2 });
    // Nothing was dead-lettered: a duplicate that slipped through would fail its INSERT until it did.
    const dead = await pool.query(`SELECT count(*)::int AS n FROM scenarios.bus_log WHERE topic = $1`, [
      `${SCENARIO_TOPIC}.dlq`,
    ]);
    expect(dead.rows[0]).toEqual({ n: 0 });
  });
});
