import { KafkaIntegrationBus } from '@zvonar/messaging-kafka';
import { principalMetadata, PROJECT_EVENT_TYPES, PROJECT_TOPIC, type Principal } from '@zvonar/project-access';
import { aPrincipal } from '@zvonar/project-access/src/testing';
import { callControlV1, projectsV1 } from '@zvonar/proto-ts';
import type { ScenarioVersion } from '@zvonar/scenario-runtime';
import { createTestDatabase, describeWithKafka, eventually, serverUrl } from '@zvonar/testing';
import { randomUUID } from 'node:crypto';
import { PLACE_CALL_TOPIC } from '../../src/placing/place-call.topics';
import { aDtmfMenuScenario } from '../mothers/scenario.mother';
import { call, callTopicObserver, placeCallPublisher, startCallControl } from './call-control.harness';
import { startScenariosDouble, type ScenariosDouble } from './scenarios-grpc.double';

const menu: ScenarioVersion = { ...aDtmfMenuScenario(), scenarioId: 'kafka-menu' };

/** What projects publishes on Kafka for a new project of `owner` (call-control's access read model follows it). */
const projectAnnounced = (projectId: string, owner: Principal) => {
  const at = new Date();
  const message = (type: string, payload: Uint8Array) => ({ messageId: `${type}:${projectId}`, topic: PROJECT_TOPIC, key: projectId, type, payload, occurredAt: at, headers: {} });
  return [
    message(PROJECT_EVENT_TYPES.created, projectsV1.ProjectCreated.encode({ projectId, accountId: owner.accountId, ownerUserId: owner.userId, name: 'Проект', createdAt: at }).finish()),
    message(
      PROJECT_EVENT_TYPES.memberGranted,
      projectsV1.ProjectMemberGranted.encode({ projectId, userId: owner.userId, accountId: owner.accountId, role: projectsV1.ProjectRole.PROJECT_ROLE_OWNER, grantedAt: at }).finish(),
    ),
  ];
};

describeWithKafka('call-control service with BUS=kafka (the distributed mode)', (brokers) => {
  let database: { url: string; drop(): Promise<void> };
  let scenarios: ScenariosDouble;
  let running: Awaited<ReturnType<typeof startCallControl>>;
  let campaignsBus: KafkaIntegrationBus;
  let billingBus: KafkaIntegrationBus;
  let observer: Awaited<ReturnType<typeof callTopicObserver>>;
  const run = randomUUID().slice(0, 8);

  beforeAll(async () => {
    const postgres = serverUrl('DATABASE_URL');
    if (!postgres) throw new Error('the Kafka suite needs DATABASE_URL too');
    database = await createTestDatabase(postgres, 'call_control_kafka');
    scenarios = await startScenariosDouble([menu]);
    const kafka = brokers.split(',');
    campaignsBus = await KafkaIntegrationBus.connect({ brokers: kafka, clientId: `campaigns-${run}` });
    // A broker that has just started may refuse a moment longer.
    await eventually(() => campaignsBus.ensureTopics([PLACE_CALL_TOPIC, PROJECT_TOPIC]).then(() => true, () => false), { timeoutMs: 30_000, intervalMs: 250, what: 'the PlaceCall topic' });
    running = await startCallControl({ DATABASE_URL: database.url, BUS: 'kafka', KAFKA_BROKERS: brokers, SCENARIOS_GRPC_URL: scenarios.url, SIMULATION_TIME_SCALE: '20', CONSUMER_GROUP_PREFIX: `cc-${run}` });
    billingBus = await KafkaIntegrationBus.connect({ brokers: kafka, clientId: `billing-${run}` });
    observer = await callTopicObserver(billingBus);
  }, 120_000);

  afterAll(async () => {
    await observer?.close();
    await campaignsBus?.close();
    await running?.stop();
    await scenarios?.stop();
    await database?.drop();
  }, 60_000);

  it('takes PlaceCall from Kafka and publishes CallEnded and GoalReached to Kafka, keyed by campaign', async () => {
    const projectId = `project-${run}`;
    const owner = aPrincipal('owner');
    await campaignsBus.publish(projectAnnounced(projectId, owner));
    // The project reaches call-control's access read model over Kafka: configure once it is known there.
    await eventually(
      () =>
        call(
          running.client.configureSimulation(
            {
              projectId,
              seed: 3,
              mix: { answer: 1, busy: 0, noAnswer: 0, rejected: 0, congestion: 0, machineShare: 0, hangUpMidPromptShare: 0, replies: [{ weight: 1, dtmf: '1' }], ring: { minMs: 1_000, maxMs: 2_000 } },
            },
            principalMetadata(owner),
          ),
        ).then(() => true, () => false),
      { timeoutMs: 30_000, intervalMs: 100, what: 'the project known to the access read model' },
    );
    const command = await placeCallPublisher(campaignsBus).send({
      attemptId: `attempt-${run}`,
      projectId,
      campaignId: `campaign-${run}`,
      contactId: 'contact-1',
      phone: '+79991234567',
      scenarioId: menu.scenarioId,
      scenarioVersion: 1,
      variables: { name: 'Анна' },
    });

    const ended = await observer.waitFor<callControlV1.CallEnded>(command.attemptId, 'CallEnded');
    expect(ended).toMatchObject({ outcome: callControlV1.CallOutcome.CALL_OUTCOME_GOAL, campaignId: command.campaignId, phone: '+79991234567' });
    await observer.waitFor(command.attemptId, 'GoalReached');
    expect(observer.of(command.attemptId, 'CallEnded').map((message) => message.key)).toEqual([command.campaignId]);
  }, 90_000);
});
