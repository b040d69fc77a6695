import type { Metadata } from '@grpc/grpc-js';
import { principalMetadata } from '@zvonar/project-access';
import { describeTenantIsolation, type IsolationCast, type IsolationVerb } from '@zvonar/project-access/src/testing';
import { describeWithPostgres } from '@zvonar/testing';
import { aDtmfQuestion } from './mothers/graph.mother';
import { call, type ScenariosClient } from './scenarios.test-client';
import { startScenariosWorld, type ScenariosWorld } from './scenarios-world';

describeWithPostgres('ScenariosService', (serverUrl) => {
  let world: ScenariosWorld;
  let client: ScenariosClient['service'];

  beforeAll(async () => {
    world = await startScenariosWorld(serverUrl, 'scenarios_isolation');
    client = world.started.client.service;
  });

  afterAll(() => world?.stop());

  /** A scenario of the case's project with two published versions, made by its owner. */
  const aScenario = async ({ owner, projectId }: IsolationCast): Promise<string> => {
    const asOwner = principalMetadata(owner);
    const { scenario } = await call(client.createScenario({ projectId, name: 'Опрос', graphJson: JSON.stringify(aDtmfQuestion()) }, asOwner));
    const scenarioId = scenario!.scenarioId;
    for (let version = 1; version <= 2; version += 1) await call(client.publishVersion({ scenarioId, expectedRevision: 0 }, asOwner));
    return scenarioId;
  };
  const onProject = (name: string, need: IsolationVerb['need'], run: (metadata: Metadata, projectId: string) => Promise<unknown>): IsolationVerb => ({
    name,
    need,
    call: (metadata, { projectId }) => run(metadata, projectId),
  });
  const onScenario = (name: string, need: IsolationVerb['need'], run: (metadata: Metadata, scenarioId: string) => Promise<unknown>): IsolationVerb => ({
    name,
    need,
    call: async (metadata, cast) => run(metadata, await aScenario(cast)),
  });

  const verbs: IsolationVerb[] = [
    onProject('CreateScenario', 'write', (metadata, projectId) => call(client.createScenario({ projectId, name: 'Новый', graphJson: '' }, metadata))),
    onProject('ListScenarios', 'read', (metadata, projectId) => call(client.listScenarios({ projectId, includeArchived: true, page: undefined }, metadata))),
    onScenario('GetScenario', 'read', (metadata, scenarioId) => call(client.getScenario({ scenarioId }, metadata))),
    onScenario('UpdateDraft', 'write', (metadata, scenarioId) =>
      call(client.updateDraft({ scenarioId, expectedRevision: 1, graphJson: '', name: 'Переименован' }, metadata)),
    ),
    onScenario('CopyScenario', 'write', (metadata, scenarioId) => call(client.copyScenario({ scenarioId, name: '' }, metadata))),
    onScenario('ArchiveScenario', 'write', (metadata, scenarioId) => call(client.archiveScenario({ scenarioId }, metadata))),
    onScenario('PublishVersion', 'write', (metadata, scenarioId) => call(client.publishVersion({ scenarioId, expectedRevision: 0 }, metadata))),
    onScenario('ListVersions', 'read', (metadata, scenarioId) => call(client.listVersions({ scenarioId, page: undefined }, metadata))),
    // call-control reads the published versions of running campaigns without a principal.
    { ...onScenario('GetVersion', 'read', (metadata, scenarioId) => call(client.getVersion({ scenarioId, version: 1 }, metadata))), trustsInternalCallers: true },
    onScenario('DiffVersions', 'read', (metadata, scenarioId) => call(client.diffVersions({ scenarioId, fromVersion: 1, toVersion: 2 }, metadata))),
    onScenario('RestoreVersion', 'write', (metadata, scenarioId) => call(client.restoreVersion({ scenarioId, version: 1, expectedRevision: 1 }, metadata))),
    onScenario('Simulate', 'read', (metadata, scenarioId) =>
      call(client.simulate({ scenarioId, version: 1, contact: { name: 'Анна', phone: '+79123456789', fields: {} }, turns: [], answeringMachine: false }, metadata)),
    ),
  ];

  describeTenantIsolation('scenarios', () => ({
    givenProject: ({ owner, editor }) => world.projects.create({ owner, editor }),
    verbs,
  }));
});
