import { status as GrpcStatus } from '@grpc/grpc-js';
import { fieldViolationsOf, freePort } from '@zvonar/platform';
import { UNAVAILABLE_DEPENDENCY_METADATA_KEY } from '@zvonar/project-access';
import { describeWithPostgres, eventually } from '@zvonar/testing';
import { aPrincipal } from '@zvonar/project-access/src/testing';
import { scenariosV1 } from '../src/scenario/api/scenarios.proto';
import { aBrokenGraph, aDtmfQuestion, anUnknownCardGraph } from './mothers/graph.mother';
import { actingAs, call, failure, inEnglish, type ScenariosClient } from './scenarios.test-client';
import { startScenariosWorld, type ScenariosWorld } from './scenarios-world';
import { startScenarios } from './start-scenarios';

const { ScenarioStatus, TranscriptActor } = scenariosV1;

describeWithPostgres('ScenariosService over gRPC', (serverUrl) => {
  let world: ScenariosWorld;
  let client: ScenariosClient['service'];
  // Every call is the owner's, on projects announced by a stand-in of the projects service.
  const owner = aPrincipal('owner');
  const newProject = () => world.projects.create({ owner });

  beforeAll(async () => {
    world = await startScenariosWorld(serverUrl, 'scenarios_grpc');
    client = actingAs(world.started.client.service, owner);
  });

  afterAll(() => world?.stop());

  const create = async (graph: object = aDtmfQuestion(), projectId?: string, name = 'Опрос') =>
    (await call(client.createScenario({ projectId: projectId ?? (await newProject()), name, graphJson: JSON.stringify(graph) })))
      .scenario!;
  const publish = async (scenarioId: string, expectedRevision = 0) =>
    (await call(client.publishVersion({ scenarioId, expectedRevision }))).version!;
  const saving = (scenarioId: string, expectedRevision: number, graph: object) =>
    client.updateDraft({ scenarioId, expectedRevision, graphJson: JSON.stringify(graph), name: '' });
  const save = async (scenarioId: string, expectedRevision: number, graph: object) =>
    (await call(saving(scenarioId, expectedRevision, graph))).scenario!;

  describe('access (libs/project-access)', () => {
    it('refuses a call without a principal UNAUTHENTICATED, and a stranger’s on the owner’s project NOT_FOUND', async () => {
      const projectId = await newProject();
      expect((await failure(world.started.client.service.listScenarios({ projectId, includeArchived: false, page: undefined }))).code).toBe(
        GrpcStatus.UNAUTHENTICATED,
      );
      const stranger = actingAs(world.started.client.service, aPrincipal('stranger'));
      expect((await failure(stranger.createScenario({ projectId, name: 'Чужой', graphJson: '' }))).code).toBe(GrpcStatus.NOT_FOUND);
    });

    it('answers someone else’s scenario exactly like one that does not exist', async () => {
      const { scenarioId } = await create();
      const stranger = actingAs(world.started.client.service, aPrincipal('stranger'));
      const theirs = await failure(stranger.getScenario({ scenarioId }, inEnglish()));
      const missing = await failure(client.getScenario({ scenarioId: 'no-such-scenario' }, inEnglish()));
      expect([theirs.code, theirs.details]).toEqual([GrpcStatus.NOT_FOUND, missing.details.replace('no-such-scenario', scenarioId)]);
    });

    it('serves a published version to an internal caller without a principal (call-control), but not the draft', async () => {
      const { scenarioId } = await create();
      await publish(scenarioId);
      const internal = world.started.client.service;
      expect((await call(internal.getVersion({ scenarioId, version: 1 }))).version!.version).toBe(1);
      expect((await failure(internal.getScenario({ scenarioId }))).code).toBe(GrpcStatus.UNAUTHENTICATED);
    });

    it('with projects down, a project the read model does not know is UNAVAILABLE naming projects; a known one is served', async () => {
      const known = await newProject();
      const down = await startScenarios({
        DATABASE_URL: world.database.url,
        BUS: 'embedded',
        CONSUMER_GROUP_PREFIX: 'scenarios-projects-down',
        LOG_LEVEL: 'error',
        PROJECTS_GRPC_URL: `127.0.0.1:${await freePort('127.0.0.1')}`,
      });
      try {
        const asOwner = actingAs(down.client.service, owner);
        const error = await failure(asOwner.createScenario({ projectId: 'project-not-announced-yet', name: 'x', graphJson: '' }, inEnglish()));
        expect([error.code, error.details, error.metadata.get(UNAVAILABLE_DEPENDENCY_METADATA_KEY)]).toEqual([
          GrpcStatus.UNAVAILABLE,
          'projects is unavailable',
          ['projects'],
        ]);
        expect((await call(asOwner.createScenario({ projectId: known, name: 'Есть', graphJson: '' }))).scenario!.projectId).toBe(known);
      } finally {
        await down.stop();
      }
    });
  });

  describe('CreateScenario', () => {
    it('creates an active scenario whose default draft can be published', async () => {
      const { scenario } = await call(
        client.createScenario({ projectId: await newProject(), name: '  Приветствие ', graphJson: '' }),
      );
      expect(scenario).toMatchObject({
        name: 'Приветствие',
        status: ScenarioStatus.SCENARIO_STATUS_ACTIVE,
        draftRevision: 1,
        latestVersion: 0,
        draftIssues: [],
      });
      expect(JSON.parse(scenario!.draftGraphJson)).toMatchObject({ startNodeId: 'answer' });
    });

    it('answers an unknown card type with INVALID_ARGUMENT and the field, never INTERNAL', async () => {
      const error = await failure(
        client.createScenario({ projectId: await newProject(), name: 'x', graphJson: JSON.stringify(anUnknownCardGraph()) }),
      );
      expect(error.code).toBe(GrpcStatus.INVALID_ARGUMENT);
      expect(fieldViolationsOf(error.metadata)).toEqual([
        expect.objectContaining({ field: 'graph.nodes[0].cards[0].type', code: 'UNKNOWN_CARD_TYPE' }),
      ]);
    });

    it('answers malformed JSON and an empty name with field violations', async () => {
      const json = await failure(
        client.createScenario({ projectId: await newProject(), name: 'x', graphJson: '{"nodes": [' }),
      );
      expect(fieldViolationsOf(json.metadata)).toEqual([
        expect.objectContaining({ field: 'graph', code: 'INVALID_JSON' }),
      ]);
      const name = await failure(
        client.createScenario({ projectId: await newProject(), name: '   ', graphJson: '' }, inEnglish()),
      );
      expect(name.code).toBe(GrpcStatus.INVALID_ARGUMENT);
      expect(fieldViolationsOf(name.metadata)).toEqual([
        { field: 'name', code: 'INVALID_LENGTH', message: 'The name must be 1 to 200 characters long' },
      ]);
    });
  });

  describe('GetScenario', () => {
    it('returns the draft with the rules it breaks', async () => {
      const created = await create(aBrokenGraph());
      const { scenario } = await call(client.getScenario({ scenarioId: created.scenarioId }));
      expect(scenario!.draftIssues.map((issue) => [issue.nodeId, issue.cardId, issue.code])).toEqual(
        expect.arrayContaining([
          ['answer', '', 'DUPLICATE_PLAY'],
          ['answer', 'second', 'PLAY_WITHOUT_SOURCE'],
          ['answer', '', 'BRANCH_TARGET_MISSING'],
        ]),
      );
    });

    it('answers an unknown id with NOT_FOUND', async () => {
      expect((await failure(client.getScenario({ scenarioId: 'no-such-scenario' }))).code).toBe(GrpcStatus.NOT_FOUND);
    });
  });

  describe('UpdateDraft', () => {
    it('saves a draft that breaks publishing rules and moves the revision', async () => {
      const created = await create();
      const saved = await save(created.scenarioId, 1, aBrokenGraph());
      expect(saved.draftRevision).toBe(2);
      expect(saved.draftIssues.length).toBeGreaterThan(0);
      expect(JSON.parse(saved.draftGraphJson)).toEqual(JSON.parse(JSON.stringify(aBrokenGraph())));
    });

    it('refuses a save from a stale revision with ABORTED and keeps the newer draft', async () => {
      const created = await create();
      await save(created.scenarioId, 1, aDtmfQuestion('Первая правка'));
      const error = await failure(saving(created.scenarioId, 1, aBrokenGraph()));
      expect(error.code).toBe(GrpcStatus.ABORTED);
      const { scenario } = await call(client.getScenario({ scenarioId: created.scenarioId }));
      expect(scenario!.draftRevision).toBe(2);
      expect(scenario!.draftGraphJson).toContain('Первая правка');
    });

    it('refuses an unknown card type as a field error and keeps the draft', async () => {
      const created = await create();
      const error = await failure(saving(created.scenarioId, 1, anUnknownCardGraph()));
      expect(error.code).toBe(GrpcStatus.INVALID_ARGUMENT);
      expect((await call(client.getScenario({ scenarioId: created.scenarioId }))).scenario!.draftRevision).toBe(1);
    });
  });

  describe('CopyScenario', () => {
    it('copies the draft into a new active scenario without versions', async () => {
      const original = await create(aDtmfQuestion('Оригинал'));
      await publish(original.scenarioId);
      const { scenario: copy } = await call(client.copyScenario({ scenarioId: original.scenarioId, name: '' }));
      expect(copy).toMatchObject({
        projectId: original.projectId,
        name: 'Опрос (копия)',
        draftRevision: 1,
        latestVersion: 0,
        status: ScenarioStatus.SCENARIO_STATUS_ACTIVE,
      });
      expect(copy!.scenarioId).not.toBe(original.scenarioId);
      expect(copy!.draftGraphJson).toBe(original.draftGraphJson);
    });

    it('answers an unknown id with NOT_FOUND', async () => {
      expect((await failure(client.copyScenario({ scenarioId: 'no-such-scenario', name: '' }))).code).toBe(
        GrpcStatus.NOT_FOUND,
      );
    });
  });

  describe('ArchiveScenario', () => {
    it('hides the scenario, refuses edits and publishing, keeps versions readable and allows copies', async () => {
      const projectId = await newProject();
      const scenario = await create(aDtmfQuestion(), projectId);
      await publish(scenario.scenarioId);
      const { scenario: archived } = await call(client.archiveScenario({ scenarioId: scenario.scenarioId }));
      expect(archived!.status).toBe(ScenarioStatus.SCENARIO_STATUS_ARCHIVED);

      expect(
        (await call(client.listScenarios({ projectId, includeArchived: false, page: undefined }))).scenarios,
      ).toEqual([]);
      const edit = await failure(
        client.updateDraft({ scenarioId: scenario.scenarioId, expectedRevision: 1, graphJson: '', name: 'Новое' }),
      );
      expect(edit.code).toBe(GrpcStatus.FAILED_PRECONDITION);
      expect(edit.details).toBe('Сценарий в архиве: его нельзя изменить или опубликовать');
      expect(
        (await failure(client.publishVersion({ scenarioId: scenario.scenarioId, expectedRevision: 0 }))).code,
      ).toBe(GrpcStatus.FAILED_PRECONDITION);
      expect((await call(client.getVersion({ scenarioId: scenario.scenarioId, version: 1 }))).version!.version).toBe(1);
      // Archiving again changes nothing.
      expect((await call(client.archiveScenario({ scenarioId: scenario.scenarioId }))).scenario!.updatedAt).toEqual(
        archived!.updatedAt,
      );
      expect(
        (await call(client.copyScenario({ scenarioId: scenario.scenarioId, name: 'Из архива' }))).scenario!.status,
      ).toBe(ScenarioStatus.SCENARIO_STATUS_ACTIVE);
    });

    it('answers an unknown id with NOT_FOUND', async () => {
      expect((await failure(client.archiveScenario({ scenarioId: 'no-such-scenario' }))).code).toBe(
        GrpcStatus.NOT_FOUND,
      );
    });
  });

  describe('ListScenarios', () => {
    it('pages through one project only, oldest first, archived on request', async () => {
      const projectId = await newProject();
      const ids: string[] = [];
      for (const name of ['A', 'B', 'C']) ids.push((await create(aDtmfQuestion(), projectId, name)).scenarioId);
      await create(aDtmfQuestion(), await newProject(), 'other project');
      await call(client.archiveScenario({ scenarioId: ids[1]! }));

      const first = await call(
        client.listScenarios({ projectId, includeArchived: true, page: { pageSize: 2, pageToken: '' } }),
      );
      expect(first.scenarios.map((scenario) => scenario.name)).toEqual(['A', 'B']);
      const second = await call(
        client.listScenarios({
          projectId,
          includeArchived: true,
          page: { pageSize: 2, pageToken: first.page!.nextPageToken },
        }),
      );
      expect(second.scenarios.map((scenario) => scenario.name)).toEqual(['C']);
      expect(second.page!.nextPageToken).toBe('');
      const active = await call(client.listScenarios({ projectId, includeArchived: false, page: undefined }));
      expect(active.scenarios.map((scenario) => scenario.name)).toEqual(['A', 'C']);
    });
  });

  describe('PublishVersion', () => {
    it('refuses an invalid draft with every broken rule pinned to its node and card', async () => {
      const scenario = await create(aBrokenGraph());
      const error = await failure(
        client.publishVersion({ scenarioId: scenario.scenarioId, expectedRevision: 1 }, inEnglish()),
      );
      expect(error.code).toBe(GrpcStatus.INVALID_ARGUMENT);
      expect(error.details).toBe('The draft breaks publishing rules');
      expect(fieldViolationsOf(error.metadata)).toEqual(
        expect.arrayContaining([
          { field: 'graph.nodes[answer]', code: 'DUPLICATE_PLAY', message: 'A node may hold at most one Play card' },
          expect.objectContaining({ field: 'graph.nodes[answer].cards[second]', code: 'PLAY_WITHOUT_SOURCE' }),
          expect.objectContaining({ field: 'graph.nodes[answer]', code: 'BRANCH_TARGET_MISSING' }),
        ]),
      );
      expect((await call(client.getScenario({ scenarioId: scenario.scenarioId }))).scenario!.latestVersion).toBe(0);
    });

    it('numbers immutable versions and writes each one’s event to the outbox, which the relay publishes', async () => {
      const scenario = await create();
      const first = await publish(scenario.scenarioId, 1);
      const saved = await save(scenario.scenarioId, 1, aDtmfQuestion('Вторая версия'));
      const second = await publish(scenario.scenarioId, saved.draftRevision);
      expect([first.version, second.version]).toEqual([1, 2]);
      expect(JSON.parse(second.graphJson)).toEqual(JSON.parse(JSON.stringify(aDtmfQuestion('Вторая версия'))));
      expect(second).toMatchObject({ draftRevision: 2, nodeCount: 4 });

      await expect(
        world.pool.query(`UPDATE scenarios.scenario_versions SET node_count = 0 WHERE scenario_id = $1`, [
          scenario.scenarioId,
        ]),
      ).rejects.toThrow(/immutable/);
      const outbox = await eventually(
        async () => {
          const { rows } = await world.pool.query<{ message_id: string; published: boolean }>(
            `SELECT message_id, published_at IS NOT NULL AS published FROM scenarios.outbox WHERE message_key = $1 ORDER BY position`,
            [scenario.scenarioId],
          );
          return rows.length === 2 && rows.every((row) => row.published) && rows;
        },
        { what: 'the relay to publish both versions' },
      );
      expect(outbox.map((row) => row.message_id)).toEqual([
        `ScenarioVersionPublished:${scenario.scenarioId}:1`,
        `ScenarioVersionPublished:${scenario.scenarioId}:2`,
      ]);
    });

    it('refuses to publish from a stale draft revision with ABORTED', async () => {
      const scenario = await create();
      await save(scenario.scenarioId, 1, aDtmfQuestion('Правка'));
      expect(
        (await failure(client.publishVersion({ scenarioId: scenario.scenarioId, expectedRevision: 1 }))).code,
      ).toBe(GrpcStatus.ABORTED);
    });
  });

  describe('ListVersions and GetVersion', () => {
    it('lists versions newest first without graphs, page by page, and returns one with its graph', async () => {
      const scenario = await create();
      for (let version = 1; version <= 3; version += 1) await publish(scenario.scenarioId);
      const first = await call(
        client.listVersions({ scenarioId: scenario.scenarioId, page: { pageSize: 2, pageToken: '' } }),
      );
      expect(first.versions.map((version) => [version.version, version.graphJson])).toEqual([
        [3, ''],
        [2, ''],
      ]);
      const second = await call(
        client.listVersions({
          scenarioId: scenario.scenarioId,
          page: { pageSize: 2, pageToken: first.page!.nextPageToken },
        }),
      );
      expect(second.versions.map((version) => version.version)).toEqual([1]);
      const { version } = await call(client.getVersion({ scenarioId: scenario.scenarioId, version: 2 }));
      expect(JSON.parse(version!.graphJson)).toMatchObject({ startNodeId: 'answer' });
    });

    it('answers an unknown scenario or version with NOT_FOUND', async () => {
      const scenario = await create();
      expect((await failure(client.listVersions({ scenarioId: 'no-such-scenario', page: undefined }))).code).toBe(
        GrpcStatus.NOT_FOUND,
      );
      expect((await failure(client.getVersion({ scenarioId: scenario.scenarioId, version: 7 }))).code).toBe(
        GrpcStatus.NOT_FOUND,
      );
    });
  });

  describe('DiffVersions', () => {
    it('reports the nodes, cards and edges that changed between two versions', async () => {
      const scenario = await create();
      await publish(scenario.scenarioId);
      const changed = aDtmfQuestion();
      changed.nodes = changed.nodes.filter((node) => node.id !== 'optout');
      const question = changed.nodes[0]!.cards[1] as { choices: { digits: string; next: string }[] };
      question.choices = question.choices.filter((choice) => choice.digits !== '2');
      await save(scenario.scenarioId, 1, changed);
      await publish(scenario.scenarioId);

      const diff = await call(client.diffVersions({ scenarioId: scenario.scenarioId, fromVersion: 1, toVersion: 2 }));
      expect(diff.nodesRemoved.map((entry) => entry.nodeId)).toEqual(['optout']);
      expect(diff.cardsRemoved.map((entry) => [entry.cardId, entry.label])).toEqual([
        ['block', 'Blacklist'],
        ['optout-end', 'Hangup'],
      ]);
      expect(diff.cardsChanged.map((entry) => entry.cardId)).toEqual(['question']);
      expect(diff.edgesRemoved).toEqual([
        { nodeId: 'answer', cardId: 'question', label: 'dtmf 2', targetNodeId: 'optout' },
      ]);
      expect([diff.nodesAdded, diff.cardsAdded, diff.edgesAdded]).toEqual([[], [], []]);
    });

    it('answers a version that does not exist with NOT_FOUND', async () => {
      const scenario = await create();
      await publish(scenario.scenarioId);
      expect(
        (await failure(client.diffVersions({ scenarioId: scenario.scenarioId, fromVersion: 1, toVersion: 2 }))).code,
      ).toBe(GrpcStatus.NOT_FOUND);
    });
  });

  describe('RestoreVersion', () => {
    it('puts a version’s graph into the draft as a new revision', async () => {
      const scenario = await create(aDtmfQuestion('Версия один'));
      await publish(scenario.scenarioId);
      await save(scenario.scenarioId, 1, aBrokenGraph());
      const { scenario: restored } = await call(
        client.restoreVersion({ scenarioId: scenario.scenarioId, version: 1, expectedRevision: 2 }),
      );
      expect(restored).toMatchObject({ draftRevision: 3, draftIssues: [], latestVersion: 1 });
      expect(restored!.draftGraphJson).toContain('Версия один');
    });

    it('refuses a stale revision with ABORTED and an unknown version with NOT_FOUND', async () => {
      const scenario = await create();
      await publish(scenario.scenarioId);
      await save(scenario.scenarioId, 1, aBrokenGraph());
      expect(
        (await failure(client.restoreVersion({ scenarioId: scenario.scenarioId, version: 1, expectedRevision: 1 })))
          .code,
      ).toBe(GrpcStatus.ABORTED);
      expect(
        (await failure(client.restoreVersion({ scenarioId: scenario.scenarioId, version: 5, expectedRevision: 2 })))
          .code,
      ).toBe(GrpcStatus.NOT_FOUND);
    });
  });

  describe('Simulate', () => {
    const contact = { name: 'Анна', phone: '+79123456789', fields: {} };

    it('runs a published version as a text conversation: greeting, key 1, goal, goodbye', async () => {
      const scenario = await create();
      await publish(scenario.scenarioId);
      const { transcript, finished } = await call(
        client.simulate({
          scenarioId: scenario.scenarioId,
          version: 1,
          contact,
          turns: [{ dtmf: '1', interrupt: false }],
          answeringMachine: false,
        }),
      );
      expect(finished).toBe(true);
      const lines = transcript
        .filter((entry) => entry.actor !== TranscriptActor.TRANSCRIPT_ACTOR_NETWORK && entry.type !== 'SetTimer')
        .map((entry) => `${entry.type} ${entry.summary}`.trim());
      expect(lines).toEqual([
        'Play «Здравствуйте, Анна! Нажмите 1, если интересно, или 2, чтобы отказаться.»',
        'StartRecognition dtmf',
        'DtmfReceived 1',
        'StopRecognition',
        'MarkGoal interested',
        'Play «Спасибо! Мы перезвоним.»',
        'HangUp ScenarioCompleted',
      ]);
      expect(JSON.parse(transcript.find((entry) => entry.type === 'MarkGoal')!.detailJson)).toEqual({
        type: 'MarkGoal',
        tag: 'interested',
      });
    });

    it('carries spoken turns and silence: "да" reaches the goal, silence falls out through no-input', async () => {
      const speech = {
        startNodeId: 'answer',
        nodes: [
          {
            id: 'answer',
            cards: [
              { type: 'Play', id: 'ask', source: { kind: 'text', text: 'Вам интересно?' } },
              {
                type: 'Recognition',
                id: 'listen',
                mode: 'speech',
                retries: 0,
                choices: [{ phrases: ['да'], containsWords: [], next: 'goal' }],
                noInput: { next: 'bye' },
                noMatch: { next: 'bye' },
              },
            ],
          },
          {
            id: 'goal',
            cards: [
              { type: 'Goal', id: 'lead' },
              { type: 'Hangup', id: 'goal-end' },
            ],
          },
          { id: 'bye', cards: [{ type: 'Hangup', id: 'bye-end' }] },
        ],
      };
      const scenario = await create(speech);
      const typesOf = async (turn: { say?: string; silence?: boolean }) =>
        (
          await call(
            client.simulate({
              scenarioId: scenario.scenarioId,
              version: 0,
              contact,
              turns: [{ ...turn, interrupt: false }],
              answeringMachine: false,
            }),
          )
        ).transcript.map((entry) => entry.type);
      expect(await typesOf({ say: 'Да!' })).toEqual(expect.arrayContaining(['SpeechRecognised', 'MarkGoal', 'HangUp']));
      const silent = await typesOf({ silence: true });
      expect(silent).toContain('HangUp');
      expect(silent).not.toContain('MarkGoal');
    });

    it('runs the draft (version 0), even one that cannot be published', async () => {
      const scenario = await create();
      await save(scenario.scenarioId, 1, aBrokenGraph());
      const { transcript } = await call(
        client.simulate({ scenarioId: scenario.scenarioId, version: 0, contact, turns: [], answeringMachine: false }),
      );
      expect(transcript.filter((entry) => entry.type === 'Play').map((entry) => entry.summary)).toContain('«Раз»');
    });

    it('answers a version that does not exist with NOT_FOUND', async () => {
      const scenario = await create();
      expect(
        (
          await failure(
            client.simulate({
              scenarioId: scenario.scenarioId,
              version: 3,
              contact,
              turns: [],
              answeringMachine: false,
            }),
          )
        ).code,
      ).toBe(GrpcStatus.NOT_FOUND);
    });
  });
});
