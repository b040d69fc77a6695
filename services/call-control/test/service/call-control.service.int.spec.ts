import { status as GrpcStatus, type Metadata } from '@grpc/grpc-js';
import { principalMetadata } from '@zvonar/project-access';
import { aPrincipal, ProjectsStandIn } from '@zvonar/project-access/src/testing';
import type { ScenarioVersion } from '@zvonar/scenario-runtime';
import { aHangup, aNode, aPause, aPlay, aScenario, text } from '@zvonar/scenario-runtime/src/testing/scenario.mother';
import { fieldViolationsOf } from '@zvonar/platform';
import { callControlV1 } from '@zvonar/proto-ts';
import { createTestDatabase, describeWithPostgres, eventually } from '@zvonar/testing';
import { Pool } from 'pg';
import { callStreamId } from '../../src/call/domain';
import { CALL_CONTROL_SCHEMA } from '../../src/placing/place-call.topics';
import { CallRuntime } from '../../src/runtime/call-runtime';
import { aDtmfMenuScenario } from '../mothers/scenario.mother';
import { call, embeddedParties, failure, startCallControl } from './call-control.harness';
import { startScenariosDouble, type ScenariosDouble } from './scenarios-grpc.double';

const { CallOutcome, CallStatus, PlaceCallRejectionReason } = callControlV1;

const menu: ScenarioVersion = { ...aDtmfMenuScenario(), scenarioId: 'menu' };
/** Answers, says hello, then holds the line for ten simulated minutes: a call that is surely live when the process dies. */
const hold: ScenarioVersion = { ...aScenario([aNode('answer', [aPlay(text('Минуту.')), aPause(600_000), aHangup()])]), scenarioId: 'hold' };

/** Everyone answers at once and presses `digit` (or stays silent) after every prompt. */
const everyonePresses = (digit: string | null): callControlV1.CalleeBehaviourMix => ({
  answer: 1,
  busy: 0,
  noAnswer: 0,
  rejected: 0,
  congestion: 0,
  machineShare: 0,
  hangUpMidPromptShare: 0,
  replies: [digit === null ? { weight: 1, silence: true } : { weight: 1, dtmf: digit }],
  ring: { minMs: 1_000, maxMs: 2_000 },
});

describeWithPostgres('call-control service: PlaceCall in, call events out', (serverUrl) => {
  let database: { url: string; drop(): Promise<void> };
  let pool: Pool;
  let scenarios: ScenariosDouble;
  let env: Record<string, string>;
  let running: Awaited<ReturnType<typeof startCallControl>>;
  let parties: Awaited<ReturnType<typeof embeddedParties>>;
  let publisher: typeof parties.publisher;
  let observer: typeof parties.observer;
  let projects: ProjectsStandIn;
  let sequence = 0;
  const next = (prefix: string) => `${prefix}-${++sequence}`;
  // The marketer who owns every project of this spec; the gateway forwards who they are.
  const marketer = aPrincipal('marketer');
  const asMarketer = (language?: string): Metadata => {
    const metadata = principalMetadata(marketer);
    if (language) metadata.set('accept-language', language);
    return metadata;
  };
  /** A project of the marketer, once call-control's access read model knows it. */
  const aProject = () => projects.create({ owner: marketer });

  beforeAll(async () => {
    database = await createTestDatabase(serverUrl, 'call_control');
    pool = new Pool({ connectionString: database.url, max: 4 });
    scenarios = await startScenariosDouble([menu, hold]);
    // A replica silent for 3 s is gone; replicas look for its calls five times a second.
    env = { DATABASE_URL: database.url, BUS: 'embedded', SCENARIOS_GRPC_URL: scenarios.url, SIMULATION_TIME_SCALE: '20', CONSUMER_GROUP_PREFIX: 'cc-test', HOST_TTL_MS: '3000', ORPHAN_SWEEP_INTERVAL_MS: '200' };
    running = await startCallControl(env);
    parties = await embeddedParties(pool);
    ({ publisher, observer } = parties);
    projects = await ProjectsStandIn.connect(pool, CALL_CONTROL_SCHEMA);
  }, 60_000);

  afterAll(async () => {
    await projects?.close();
    await parties?.close();
    await running?.stop();
    await scenarios?.stop();
    await pool?.end();
    await database?.drop();
  }, 60_000);

  const configure = (projectId: string, mix: callControlV1.CalleeBehaviourMix, seed = 7) => call(running.client.configureSimulation({ projectId, seed, mix }, asMarketer()));
  const aPlaceCall = (projectId: string, overrides: Partial<callControlV1.PlaceCall> = {}): Partial<callControlV1.PlaceCall> => ({
    attemptId: next('attempt'),
    projectId,
    campaignId: `campaign-of-${projectId}`,
    contactId: next('contact'),
    phone: '+79991234567',
    scenarioId: menu.scenarioId,
    scenarioVersion: 1,
    variables: { name: 'Анна' },
    answerWaitSeconds: 27,
    actionWaitSeconds: 7,
    ...overrides,
  });
  const listing = (request: Partial<callControlV1.ListCallsRequest>, metadata: Metadata = asMarketer()) =>
    running.client.listCalls({ projectId: '', campaignId: '', contactId: '', outcome: CallOutcome.CALL_OUTCOME_UNSPECIFIED, page: undefined, requestedFrom: undefined, requestedTo: undefined, ...request }, metadata);
  const runtimeOf = (instance: typeof running): CallRuntime => instance.service.app.get(CallRuntime, { strict: false });
  const streamTypes = async (callId: string): Promise<string[]> =>
    (await pool.query<{ type: string }>('SELECT type FROM call_control.events WHERE stream_id = $1 ORDER BY stream_revision', [callStreamId(callId)])).rows.map((row) => row.type);

  it('runs the pinned scenario and publishes CallEnded with the outcome, the durations and the phone, keyed by campaign, in the PlaceCall trace', async () => {
    const projectId = await aProject();
    await configure(projectId, everyonePresses('1'));
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const sentAt = Date.now();
    const command = await publisher.send(aPlaceCall(projectId), { traceparent });

    const ended = await observer.waitFor<callControlV1.CallEnded>(command.attemptId, 'CallEnded');
    expect(ended).toMatchObject({ callId: command.attemptId, attemptId: command.attemptId, projectId, campaignId: command.campaignId, contactId: command.contactId, phone: '+79991234567', outcome: CallOutcome.CALL_OUTCOME_GOAL, goalReached: true, q850Cause: 16 });
    expect(ended.ringSeconds).toBeGreaterThan(0);
    expect(ended.talkSeconds).toBeGreaterThan(0);
    expect(ended.billableSeconds).toBe(Math.ceil(ended.talkSeconds));
    // Twenty times faster, yet on the wall clock: the call happened between sending and now, and
    // its durations are the simulated ones (the wall's times twenty), as a real call's would be.
    expect(((ended.endedAt!.getTime() - ended.answeredAt!.getTime()) / 1000) * 20).toBeCloseTo(ended.talkSeconds, 3);
    expect(ended.answeredAt!.getTime()).toBeGreaterThanOrEqual(sentAt);
    expect(ended.endedAt!.getTime()).toBeLessThanOrEqual(Date.now());
    expect(observer.of(command.attemptId, 'CallEnded').map((message) => message.key)).toEqual([command.campaignId]);
    expect(observer.of(command.attemptId, 'CallEnded')[0]?.headers).toMatchObject({ traceparent, correlationId: command.attemptId });
    const goal = await observer.waitFor<callControlV1.GoalReached>(command.attemptId, 'GoalReached');
    expect(goal).toMatchObject({ projectId, campaignId: command.campaignId, contactId: command.contactId, tag: 'lead' });
  }, 30_000);

  it('rings once for the same PlaceCall delivered twice', async () => {
    const projectId = await aProject();
    await configure(projectId, everyonePresses('2'));
    const command = await publisher.send(aPlaceCall(projectId));
    await publisher.send(command);
    // Same campaign, same key: handled after the duplicate, so once it ended the duplicate was seen.
    const marker = await publisher.send(aPlaceCall(projectId, { campaignId: command.campaignId }));
    await observer.waitFor(marker.attemptId, 'CallEnded');
    await observer.waitFor(command.attemptId, 'CallEnded');
    await runtimeOf(running).whenIdle();

    const types = await streamTypes(command.attemptId);
    expect(types.filter((type) => type === 'CallRequested')).toHaveLength(1);
    expect(types.filter((type) => type === 'CallOriginated')).toHaveLength(1);
    expect(types.filter((type) => type === 'CallEnded')).toHaveLength(1);
    expect(observer.of(command.attemptId, 'CallEnded')).toHaveLength(1);
    expect(observer.of(command.attemptId, 'CallEnded')[0]?.body).toMatchObject({ outcome: CallOutcome.CALL_OUTCOME_BLACKLIST });
    expect(observer.of(command.attemptId, 'ContactBlacklisted')[0]?.body).toMatchObject({ phone: '+79991234567', campaignId: command.campaignId });
  }, 30_000);

  it('does not ring a PlaceCall that arrives after its lease (the dialer re-sends it)', async () => {
    const projectId = await aProject();
    await configure(projectId, everyonePresses('1'));
    const stale = await publisher.send(aPlaceCall(projectId, { leaseExpiresAt: new Date(Date.now() - 1_000) }));
    const marker = await publisher.send(aPlaceCall(projectId, { campaignId: stale.campaignId, leaseExpiresAt: new Date(Date.now() + 600_000) }));
    await observer.waitFor(marker.attemptId, 'CallEnded');
    expect(await streamTypes(stale.attemptId)).toEqual([]);
    // The dialer's re-send of the same attempt, with a fresh lease, rings.
    await publisher.send({ ...stale, leaseExpiresAt: new Date(Date.now() + 600_000) });
    expect(await observer.waitFor(stale.attemptId, 'CallEnded')).toMatchObject({ outcome: CallOutcome.CALL_OUTCOME_GOAL });
  }, 30_000);

  it('rejects an unknown scenario version with PlaceCallRejected and rings nothing', async () => {
    const projectId = await aProject();
    const command = await publisher.send(aPlaceCall(projectId, { scenarioId: menu.scenarioId, scenarioVersion: 42 }));

    const rejected = await observer.waitFor<callControlV1.PlaceCallRejected>(command.attemptId, 'PlaceCallRejected');
    expect(rejected).toMatchObject({ attemptId: command.attemptId, campaignId: command.campaignId, contactId: command.contactId, reason: PlaceCallRejectionReason.PLACE_CALL_REJECTION_REASON_UNKNOWN_SCENARIO_VERSION });
    expect(await streamTypes(command.attemptId)).toEqual(['PlaceCallRejected']);
    expect(scenarios.published.requests).toContain(`${menu.scenarioId}@42`);
    const { call: summary } = await call(running.client.getCall({ callId: command.attemptId }, asMarketer()));
    expect(summary).toMatchObject({ status: CallStatus.CALL_STATUS_REJECTED, rejectionReason: PlaceCallRejectionReason.PLACE_CALL_REJECTION_REASON_UNKNOWN_SCENARIO_VERSION });
  }, 30_000);

  it('returns a call with its full timeline, and lists calls by campaign and outcome page by page', async () => {
    const projectId = await aProject();
    await configure(projectId, everyonePresses('1'));
    const first = await publisher.send(aPlaceCall(projectId));
    const second = await publisher.send(aPlaceCall(projectId, { campaignId: first.campaignId }));
    await observer.waitFor(first.attemptId, 'CallEnded');
    await observer.waitFor(second.attemptId, 'CallEnded');

    const detail = await call(running.client.getCall({ callId: first.attemptId }, asMarketer()));
    expect(detail.call).toMatchObject({ callId: first.attemptId, status: CallStatus.CALL_STATUS_ENDED, outcome: CallOutcome.CALL_OUTCOME_GOAL, phone: '+79991234567', scenarioId: 'menu', scenarioVersion: 1, goalReached: true });
    const types = detail.timeline.map((event) => event.type);
    expect(types.slice(0, 4)).toEqual(['CallRequested', 'CallOriginated', 'CallRinging', 'CallAnswered']);
    expect(types).toEqual(expect.arrayContaining(['ScenarioNodeEntered', 'PromptPlayed', 'DtmfReceived', 'GoalReached', 'CallHangupRequested']));
    expect(types[types.length - 1]).toBe('CallEnded');
    expect(detail.timeline.map((event) => event.revision)).toEqual(types.map((_, index) => index));
    expect(detail.timeline.find((event) => event.type === 'DtmfReceived')?.dtmf).toEqual({ digit: '1' });
    expect(detail.timeline.find((event) => event.type === 'CallRequested')?.requested).toMatchObject({ phone: '+79991234567', channelId: `zvc-${first.attemptId}` });
    expect(detail.timeline.at(-1)?.ended).toMatchObject({ outcome: CallOutcome.CALL_OUTCOME_GOAL, billableSeconds: detail.call?.billableSeconds });

    await eventually(async () => (await call(listing({ projectId, campaignId: first.campaignId, contactId: '', outcome: CallOutcome.CALL_OUTCOME_GOAL, page: undefined }))).calls.length === 2, { what: 'both calls in the read model' });
    const page1 = await call(listing({ projectId, campaignId: first.campaignId, contactId: '', outcome: CallOutcome.CALL_OUTCOME_GOAL, page: { pageSize: 1, pageToken: '' } }));
    const page2 = await call(listing({ projectId, campaignId: first.campaignId, contactId: '', outcome: CallOutcome.CALL_OUTCOME_GOAL, page: { pageSize: 1, pageToken: page1.page!.nextPageToken } }));
    expect([...page1.calls, ...page2.calls].map((summary) => summary.callId).sort()).toEqual([first.attemptId, second.attemptId].sort());
    expect(page2.page?.nextPageToken).toBe('');
    const byContact = await call(listing({ projectId, campaignId: '', contactId: second.contactId, outcome: CallOutcome.CALL_OUTCOME_UNSPECIFIED, page: undefined }));
    expect(byContact.calls.map((summary) => summary.callId)).toEqual([second.attemptId]);
    const noMachines = await call(listing({ projectId, campaignId: '', contactId: '', outcome: CallOutcome.CALL_OUTCOME_MACHINE, page: undefined }));
    expect(noMachines.calls).toEqual([]);
  }, 30_000);

  it('answers NOT_FOUND for an unknown call and field violations for a bad list request', async () => {
    expect((await failure(running.client.getCall({ callId: 'never-placed' }, asMarketer()))).code).toBe(GrpcStatus.NOT_FOUND);
    const error = await failure(listing({ projectId: '', campaignId: '', contactId: '', outcome: CallOutcome.CALL_OUTCOME_UNSPECIFIED, page: { pageSize: 500, pageToken: 'garbage' }, requestedFrom: new Date('2026-03-02T10:00:00Z'), requestedTo: new Date('2026-03-02T09:00:00Z') }, asMarketer('en')));
    expect(error.code).toBe(GrpcStatus.INVALID_ARGUMENT);
    expect(fieldViolationsOf(error.metadata).map((violation) => violation.field).sort()).toEqual(['page.page_size', 'page.page_token', 'project_id', 'requested_to']);
  });

  it("answers another tenant's call exactly like a call never placed, and a caller without a principal UNAUTHENTICATED", async () => {
    const projectId = await aProject();
    const command = await publisher.send(aPlaceCall(projectId, { scenarioVersion: 42 }));
    await observer.waitFor(command.attemptId, 'PlaceCallRejected');
    const stranger = principalMetadata(aPrincipal('stranger'));
    stranger.set('accept-language', 'en');

    const theirs = await failure(running.client.getCall({ callId: command.attemptId }, stranger));
    const missing = await failure(running.client.getCall({ callId: 'never-placed' }, asMarketer('en')));
    expect([theirs.code, theirs.details]).toEqual([GrpcStatus.NOT_FOUND, 'Call not found']);
    expect([missing.code, missing.details]).toEqual([theirs.code, theirs.details]);
    expect((await failure(listing({ projectId }, stranger))).code).toBe(GrpcStatus.NOT_FOUND);
    expect((await failure(running.client.getCall({ callId: command.attemptId }))).code).toBe(GrpcStatus.UNAUTHENTICATED);
    expect((await failure(running.client.getSimulation({ projectId }))).code).toBe(GrpcStatus.UNAUTHENTICATED);
  }, 30_000);

  describe('simulation settings', () => {
    it('refuses bad mixes field by field', async () => {
      const projectId = await aProject();
      const error = await failure(
        running.client.configureSimulation(
          {
            projectId,
            seed: 1,
            mix: { ...everyonePresses('1'), answer: -1, machineShare: 1.5, replies: [{ weight: -2, dtmf: '1' }, { weight: 1, dtmf: 'x' }, { weight: 1 }] },
          },
          asMarketer('en'),
        ),
      );
      expect(error.code).toBe(GrpcStatus.INVALID_ARGUMENT);
      expect(fieldViolationsOf(error.metadata).map((violation) => violation.field)).toEqual(['mix.answer', 'mix', 'mix.machine_share', 'mix.replies[0].weight', 'mix.replies[1].dtmf', 'mix.replies[2]']);
      const empty = await failure(running.client.configureSimulation({ projectId, seed: 1, mix: { ...everyonePresses('1'), answer: 0 } }, asMarketer()));
      expect(fieldViolationsOf(empty.metadata)).toEqual([expect.objectContaining({ field: 'mix', code: 'EMPTY_MIX' })]);
      expect(fieldViolationsOf((await failure(running.client.configureSimulation({ projectId, seed: 1, mix: undefined }, asMarketer()))).metadata)).toEqual([expect.objectContaining({ field: 'mix', code: 'REQUIRED' })]);
    });

    it('reports the defaults until configured, then the stored mix', async () => {
      const projectId = await aProject();
      expect((await call(running.client.getSimulation({ projectId }, asMarketer()))).simulation).toMatchObject({ configured: false, mix: { answer: 60, busy: 10 } });
      await configure(projectId, { ...everyonePresses(null), answer: 70, machineShare: 0.1 }, 99);
      expect((await call(running.client.getSimulation({ projectId }, asMarketer()))).simulation).toMatchObject({ configured: true, seed: 99, mix: { answer: 70, machineShare: 0.1, replies: [{ weight: 1, silence: true }] } });
    });
  });

  describe('a draining shutdown', () => {
    it('stops taking PlaceCall at once, lets the live call end on record, and leaves new attempts to the next process', async () => {
      await running.stop();
      running = await startCallControl({ ...env, SHUTDOWN_TIMEOUT_MS: '20000' });
      const projectId = await aProject();
      await configure(projectId, everyonePresses(null));
      const live = await publisher.send(aPlaceCall(projectId));
      await eventually(async () => (await streamTypes(live.attemptId)).includes('CallAnswered'), { what: 'the call answered' });

      const shutdown = running.service.shutdown();
      const later = await publisher.send(aPlaceCall(projectId));
      expect(await shutdown).toBe(true);
      const ended = await observer.waitFor<callControlV1.CallEnded>(live.attemptId, 'CallEnded');
      expect(ended.outcome).toBe(CallOutcome.CALL_OUTCOME_COMPLETED);
      expect(await streamTypes(later.attemptId)).toEqual([]);

      running = await startCallControl(env);
      expect(await observer.waitFor<callControlV1.CallEnded>(later.attemptId, 'CallEnded')).toMatchObject({ outcome: CallOutcome.CALL_OUTCOME_COMPLETED });
    }, 60_000);
  });

  describe('two replicas', () => {
    it("leave each other's live calls alone across restarts, and end them once the other dies", async () => {
      await running.stop();
      const replicas = [await startCallControl(env), await startCallControl(env)];
      try {
        const projectId = await aProject();
        await call(replicas[0]!.client.configureSimulation({ projectId, seed: 7, mix: everyonePresses(null) }, asMarketer()));
        const command = await publisher.send(aPlaceCall(projectId, { scenarioId: hold.scenarioId }));
        await eventually(async () => (await streamTypes(command.attemptId)).includes('CallAnswered'), { what: 'the call answered' });
        const hostIndex = replicas.findIndex((replica) => runtimeOf(replica).activeCalls === 1);
        expect(hostIndex).toBeGreaterThanOrEqual(0);
        const host = replicas[hostIndex]!;

        // The bystander restarts: its boot and its sweeps leave the live call to its host.
        await replicas[1 - hostIndex]!.stop();
        const survivor = await startCallControl(env);
        replicas[1 - hostIndex] = survivor;
        expect(await runtimeOf(survivor).sweep()).toEqual([]);
        expect(await streamTypes(command.attemptId)).not.toContain('CallEnded');

        // The host dies: the survivor ends the call once the host's heartbeat aged.
        runtimeOf(host).crash();
        const ended = await observer.waitFor<callControlV1.CallEnded>(command.attemptId, 'CallEnded');
        expect(ended).toMatchObject({ outcome: CallOutcome.CALL_OUTCOME_INTERRUPTED, failureReason: 'ProcessRestarted' });
        expect((await streamTypes(command.attemptId)).filter((type) => type === 'CallEnded')).toHaveLength(1);
      } finally {
        for (const replica of replicas) await replica.stop();
        running = await startCallControl(env);
      }
    }, 60_000);
  });

  describe('a process killed mid-call', () => {
    it('ends the call Interrupted exactly once when the next process starts, and the settings survive', async () => {
      const projectId = await aProject();
      await configure(projectId, everyonePresses(null), 5);
      const command = await publisher.send(aPlaceCall(projectId, { scenarioId: hold.scenarioId }));
      await eventually(async () => (await streamTypes(command.attemptId)).includes('CallAnswered'), { what: 'the call answered' });

      // The preStop contract: the gauge counts the live call, POST /drain stops taking calls.
      const metrics = await (await fetch(`${running.service.httpUrl}/metrics`)).text();
      expect(metrics).toMatch(/^zvonar_calls_active 1$/m);
      expect((await fetch(`${running.service.httpUrl}/drain`, { method: 'POST' })).status).toBe(202);
      expect((await fetch(`${running.service.httpUrl}/readyz`)).status).toBe(503);

      // What a crash leaves: the call's process is gone without an end on record, its host row still there.
      runtimeOf(running).crash();
      await running.stop();
      expect(await streamTypes(command.attemptId)).not.toContain('CallEnded');

      // The next process ends it: at boot, or by its sweep once the dead host's heartbeat aged.
      running = await startCallControl(env);
      const ended = await observer.waitFor<callControlV1.CallEnded>(command.attemptId, 'CallEnded');
      expect(ended).toMatchObject({ outcome: CallOutcome.CALL_OUTCOME_INTERRUPTED, failureReason: 'ProcessRestarted', q850Cause: 41 });
      // A second restart finds nothing open.
      await running.stop();
      running = await startCallControl(env);
      await runtimeOf(running).whenIdle();
      expect(await runtimeOf(running).sweep()).toEqual([]);
      expect((await streamTypes(command.attemptId)).filter((type) => type === 'CallEnded')).toHaveLength(1);
      expect(observer.of(command.attemptId, 'CallEnded')).toHaveLength(1);
      expect((await call(running.client.getSimulation({ projectId }, asMarketer()))).simulation).toMatchObject({ configured: true, seed: 5 });
    }, 60_000);
  });
});
