import { KafkaIntegrationBus } from '@zvonar/messaging-kafka';
import { createTestDatabase, describeWithKafka, eventually, serverUrl } from '@zvonar/testing';
import { Client } from 'pg';
import { CampaignsReadModel } from './support/campaigns-read-model';
import { aMarketer, ProjectsApi } from './support/projects-api';
import { ScenariosApi } from './support/scenarios-api';
import { ServiceProcess } from './support/service-process';

const SCENARIO_TOPIC = 'zvonar.scenarios.scenario.v1';
const TIMEOUT_MS = 120_000;

/**
 * The distributed mode: projects, scenarios and campaigns as Node processes configured only by the
 * environment, a real PostgreSQL (one database, a schema per service) and a real Kafka broker.
 * Scenarios checks the marketer's access to the project on every call.
 */
describeWithKafka('scenario versions reach campaigns in the distributed mode (Kafka)', (brokers) => {
  const postgresUrl = serverUrl('DATABASE_URL');
  let database: { url: string; drop(): Promise<void> };
  let projects: ServiceProcess;
  let scenarios: ServiceProcess;
  let campaigns: ServiceProcess;
  let api: ScenariosApi;
  let projectsApi: ProjectsApi;
  let projectId: string;
  const marketer = aMarketer();
  let readModel: CampaignsReadModel;

  beforeAll(async () => {
    if (!postgresUrl) throw new Error('the distributed e2e needs PostgreSQL too (DATABASE_URL)');
    database = await createTestDatabase(postgresUrl, 'e2e_distributed');
    // Its own consumer groups: another run on the same broker must not take this run's partitions.
    const groupPrefix = `e2e-${database.url.split('/').pop()!.replace(/_/g, '-')}`;
    const env = {
      DATABASE_URL: database.url,
      KAFKA_BROKERS: brokers,
      BUS: 'kafka',
      CONSUMER_GROUP_PREFIX: groupPrefix,
    };
    // Scenarios is told where projects listens, as the chart does (<NAME>_GRPC_URL).
    projects = await ServiceProcess.start('projects', env);
    [scenarios, campaigns] = await Promise.all([
      ServiceProcess.start('scenarios', { ...env, PROJECTS_GRPC_URL: projects.grpcUrl }),
      ServiceProcess.start('campaigns', env),
    ]);
    api = new ScenariosApi(scenarios.grpcUrl, marketer);
    projectsApi = new ProjectsApi(projects.grpcUrl);
    projectId = await projectsApi.createProject(marketer, 'Обзвон');
    readModel = new CampaignsReadModel(database.url);
  }, TIMEOUT_MS);

  afterAll(async () => {
    api?.close();
    projectsApi?.close();
    await readModel?.close();
    await Promise.all([scenarios?.stop(), campaigns?.stop(), projects?.stop()]);
    await database?.drop();
  }, TIMEOUT_MS);

  const hasVersions = (scenarioId: string, count: number) =>
    eventually(async () => (await readModel.versions(scenarioId)).length === count, {
      timeoutMs: TIMEOUT_MS - 10_000,
      intervalMs: 100,
      what: `${count} versions of ${scenarioId} in campaigns`,
    }).catch((error: unknown) => {
      throw new Error(`${String(error)}\n--- campaigns ---\n${campaigns.log()}\n--- scenarios ---\n${scenarios.log()}`);
    });

  it(
    'a version published through the scenarios gRPC API appears in campaigns’ read model',
    async () => {
      const scenarioId = await api.createScenario(projectId, 'Приветствие');
      expect(await api.publishGreeting(scenarioId, 'Здравствуйте!')).toBe(1);
      await hasVersions(scenarioId, 1);
      expect(await readModel.appliedCount(scenarioId)).toBe(1);
    },
    TIMEOUT_MS,
  );

  it(
    'loses nothing and applies nothing twice when the consumer process is killed and restarted',
    async () => {
      const scenarioId = await api.createScenario(projectId, 'Переживёт падение');
      // Published while campaigns is consuming, then campaigns dies without committing or leaving.
      for (let n = 1; n <= 5; n += 1) await api.publishGreeting(scenarioId, `До падения ${n}`);
      await campaigns.kill();
      for (let n = 6; n <= 10; n += 1) await api.publishGreeting(scenarioId, `Пока лежит ${n}`);
      await campaigns.restart(TIMEOUT_MS);
      await hasVersions(scenarioId, 10);

      // Redeliver a message campaigns already applied (same id, same key, so same partition),
      // then publish one more version behind it: once that one is in, the duplicate was handled.
      const duplicate = await outboxMessage(database.url, scenarioId, 3);
      const bus = await KafkaIntegrationBus.connect({ brokers: brokers.split(','), clientId: 'e2e-redelivery' });
      try {
        await bus.publish([duplicate]);
      } finally {
        await bus.close();
      }
      await api.publishGreeting(scenarioId, 'После повтора');
      await hasVersions(scenarioId, 11);

      expect(await readModel.versions(scenarioId)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
      expect(await readModel.appliedCount(scenarioId)).toBe(11);
    },
    TIMEOUT_MS * 2,
  );
});

/** The message scenarios' outbox holds for a version: exactly what the relay published. */
async function outboxMessage(databaseUrl: string, scenarioId: string, version: number) {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ message_id: string; type: string; payload: Buffer; occurred_at: Date }>(
      `SELECT message_id, type, payload, occurred_at FROM scenarios.outbox WHERE message_id = $1`,
      [`ScenarioVersionPublished:${scenarioId}:${version}`],
    );
    const row = rows[0];
    if (!row) throw new Error(`no outbox row for ${scenarioId} v${version}`);
    return {
      messageId: row.message_id,
      topic: SCENARIO_TOPIC,
      key: scenarioId,
      type: row.type,
      payload: new Uint8Array(row.payload),
      occurredAt: row.occurred_at,
      headers: {},
    };
  } finally {
    await client.end();
  }
}
