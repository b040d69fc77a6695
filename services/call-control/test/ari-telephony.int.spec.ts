import { InMemoryEventStore, type RecordedEvent } from '@zvonar/eventsourcing';
import { aContact, aDtmfRecognition, aGoal, aHangup, aNode, aPlay, aScenario, aTransfer, byeNode, sipOperator, text } from '@zvonar/scenario-runtime/src/testing/scenario.mother';
import type { ScenarioVersion } from '@zvonar/scenario-runtime';
import { eventually } from '@zvonar/testing';
import { AriCommands, AriHttp, type AriConfig, type Media } from '../src/ari';
import { callStreamId, type CallEnded, type CallEvent } from '../src/call/domain';
import { CallOrchestrator, type PlaceCallRequest } from '../src/orchestration/call.orchestrator';
import { InMemoryScenarioCatalogue } from '../src/orchestration/scenario-catalogue.port';
import { AriTelephony, type AriTelephonyLogEntry, type AriTelephonyResync } from '../src/telephony/ari';
import type { PromptMedia, TelephonyEvent } from '../src/telephony/telephony.port';
import { RealTimeScheduler } from '../src/telephony/time/real-time.scheduler';
import { startSimulatorProcess, type SimulatorProcess } from './ari-simulator.process';
import { startBlackholeProxy } from './response-blackhole.proxy';
import { aDtmfMenuScenario, aMachineFilteredScenario, MENU_PROMPT } from './mothers/scenario.mother';

// The orchestration's calls over AriTelephony against the ARI simulator (a separate process),
// ten times faster than life: the simulator's clock and the call processes' scheduler agree.
const SIM_TIME_SCALE = 0.1;
const APP = 'zvonar';
const LONG_PROMPT = 'Длинное приветствие, которое абонент не дослушает.';
const RING_TIMEOUT_MS = 5_000;

/** Each test number reaches one virtual callee of the recorded Asterisk. */
const ENDPOINTS: Readonly<Record<string, string>> = {
  '+79990000001': 'Local/answer-dtmf@sim',
  '+79990000002': 'Local/busy@sim',
  '+79990000003': 'Local/busy-hangup17@sim',
  '+79990000004': 'Local/reject@sim',
  '+79990000005': 'Local/congestion@sim',
  '+79990000006': 'Local/noanswer@sim',
  '+79990000007': 'Local/machine@sim',
  '+79990000008': 'Local/human@sim',
  '+79990000009': 'Local/hangup-early@sim',
  '+79990000010': 'PJSIP/busy@loop',
  '+79990000011': 'PJSIP/reject@loop',
  '+79990000012': 'Local/answer-silent@sim',
};
const numberOf = (endpoint: string): string => Object.entries(ENDPOINTS).find(([, value]) => value === endpoint)?.[0] ?? 'unknown';

/** The menu is hello-world (1.4 s), the long greeting demo-congrats (30 s), the rest a beep. */
const mediaOf = (media: PromptMedia): readonly Media[] => {
  if (media.kind !== 'text') return [`sound:${media.materialId}`];
  if (media.text === MENU_PROMPT) return ['sound:hello-world'];
  return media.text === LONG_PROMPT ? ['sound:demo-congrats'] : ['sound:beep'];
};

const aLongGreetingScenario = (): ScenarioVersion => ({ ...aScenario([aNode('answer', [aPlay(text(LONG_PROMPT)), aDtmfRecognition({ '1': 'bye' })]), byeNode()]), scenarioId: 'long-greeting' });
/**
 * The menu, listening during the prompt: the answer-dtmf callee presses 1 two seconds after its
 * Answer() returns, which is the prompt's start, or 500 ms after the answer when the bot is slow;
 * with barge-in the goal does not depend on which.
 */
const aBargeInMenuScenario = (): ScenarioVersion => ({
  ...aScenario([
    aNode('answer', [aPlay(text(MENU_PROMPT)), aDtmfRecognition({ '1': 'goal' }, { retries: 1, timeoutMs: 5_000, bargeIn: true })]),
    aNode('goal', [aGoal('lead'), aPlay(text('Спасибо!')), aHangup()]),
    byeNode(),
  ]),
  scenarioId: 'barge-in-menu',
});
const aMenuToOperatorScenario = (): ScenarioVersion => ({
  ...aScenario([
    aNode('answer', [aPlay(text(MENU_PROMPT)), aDtmfRecognition({ '1': 'operator' }, { retries: 0, timeoutMs: 5_000, bargeIn: true })]),
    aNode('operator', [aTransfer([sipOperator('sip:operator@sim')], 'bye', 10_000)]),
    byeNode(),
  ]),
  scenarioId: 'menu-to-operator',
});

describe('AriTelephony against the ARI simulator', () => {
  let sim: SimulatorProcess;
  let telephony: AriTelephony;
  let ari: AriCommands;
  const scheduler = new RealTimeScheduler(1 / SIM_TIME_SCALE);
  const logs: AriTelephonyLogEntry[] = [];
  const resyncs: AriTelephonyResync[] = [];

  beforeAll(async () => {
    sim = await startSimulatorProcess(SIM_TIME_SCALE);
    const config: AriConfig = { baseUrl: sim.baseUrl, username: 'asterisk', password: 'asterisk', app: APP };
    ari = new AriCommands(new AriHttp(config), APP);
    telephony = new AriTelephony({
      ari: config,
      dialPlan: { callee: (request) => ENDPOINTS[request.number] ?? `Local/${request.number}@sim`, operator: () => 'Local/operator@sim', media: mediaOf },
      clock: scheduler,
      log: (entry) => logs.push(entry),
      onResync: (resync) => resyncs.push(resync),
    });
    telephony.start();
    await eventually(() => telephony.state === 'connected', { what: 'ARI connected' });
  }, 30_000);

  // Every event of these flows is one the adapter understands: nothing malformed or unexpected.
  afterEach(() => expect(logs.splice(0)).toEqual([]));

  afterAll(async () => {
    await telephony?.stop();
    await sim?.stop();
  });

  /** Asterisk keeps no channel once a call is over (transfer operators and Local halves included), nor does the adapter. */
  const nothingLeftOnAsterisk = () =>
    eventually(async () => (await ari.listChannels()).length === 0 && telephony.liveChannels === 0, { what: 'no channels left, on Asterisk or in the adapter' });

  const world = () => {
    const store = new InMemoryEventStore();
    const errors: unknown[] = [];
    const orchestrator = new CallOrchestrator({
      store,
      telephony,
      scheduler,
      scenarios: new InMemoryScenarioCatalogue([aDtmfMenuScenario(), { ...aMachineFilteredScenario(), scenarioId: 'machine-filter' }, aLongGreetingScenario(), aMenuToOperatorScenario(), aBargeInMenuScenario()]),
      channelsPerTrunk: () => 50,
      onError: (_callId, error) => errors.push(error),
      options: { ringTimeoutMs: RING_TIMEOUT_MS },
    });
    const streamOf = async (attemptId: string): Promise<RecordedEvent<CallEvent>[]> => (await store.readStream<CallEvent>(callStreamId(attemptId))).events;
    /** Places the call and waits for its CallEnded; returns the stream and the ending. */
    const call = async (attemptId: string, endpoint: string, scenarioId = 'scenario-1') => {
      const request: PlaceCallRequest = {
        attemptId,
        projectId: 'project-1',
        campaignId: 'campaign-1',
        contact: aContact({ id: `contact-${attemptId}`, phone: numberOf(endpoint) }),
        scenario: { scenarioId, version: 1 },
        trunkId: 'trunk-default',
        callerId: '+74950001122',
      };
      expect(await orchestrator.placeCall(request)).toEqual({ kind: 'placed', callId: attemptId });
      // Every call ends on record, and leaves nothing on Asterisk.
      const ended = await eventually(async () => (await streamOf(attemptId)).find((event): event is RecordedEvent<CallEnded> => event.type === 'CallEnded'), {
        timeoutMs: 20_000,
        what: `${attemptId} ended`,
      });
      await orchestrator.whenIdle();
      const events = await streamOf(attemptId);
      expect(errors).toEqual([]);
      expect(orchestrator.activeCalls).toBe(0);
      await nothingLeftOnAsterisk();
      return { events, types: events.map((event) => event.type), ended: ended.data };
    };
    return { orchestrator, call };
  };

  /** A call to the silent callee (answers, stays 30 s), for the adapter's own guarantees. */
  const silentCall = (channelId: string) => ({ channelId, number: '+79990000012', callerId: '+74950001122', trunkId: 'trunk-default', ringTimeoutMs: 10_000 });

  /** Hears a channel's facts until `hangUpAndFinish` ends the call (answered exactly once) and Asterisk is empty again. */
  const listen = (channelId: string) => {
    const heard: TelephonyEvent[] = [];
    const unsubscribe = telephony.subscribe(channelId, (event) => heard.push(event));
    const answered = () => eventually(() => heard.some((event) => event.type === 'Answered'), { what: `${channelId} answered` });
    const hangUpAndFinish = async () => {
      await telephony.hangUp(channelId, 16);
      await eventually(() => heard.some((event) => event.type === 'HungUp'), { what: `${channelId} hung up` });
      expect(heard.map((event) => event.type)).toEqual(['Answered', 'HungUp']);
      expect(heard.at(-1)).toMatchObject({ type: 'HungUp', cause: 16 });
      unsubscribe();
      await nothingLeftOnAsterisk();
    };
    return { answered, hangUpAndFinish };
  };

  it('answer + DTMF menu: the callee presses 1 and the call reaches the goal', async () => {
    const { events, types, ended } = await world().call('ari-goal', 'Local/answer-dtmf@sim', 'barge-in-menu');
    // No ringing state is reported for a callee that answers at once (the trace has none either).
    expect(types.slice(0, 3)).toEqual(['CallRequested', 'CallOriginated', 'CallAnswered']);
    expect(types.filter((type) => type === 'DtmfReceived' || type === 'GoalReached')).toEqual(['DtmfReceived', 'GoalReached']);
    expect(types.slice(-3)).toEqual(['PromptPlayed', 'CallHangupRequested', 'CallEnded']);
    expect(events.find((event) => event.type === 'DtmfReceived')?.data).toMatchObject({ digit: '1' });
    expect(ended).toMatchObject({ outcome: 'Goal', cause: 16, endedBy: 'Bot', goalReached: true });
    expect(ended.talkSeconds).toBeGreaterThan(1.4);
  }, 30_000);

  describe('calls the network ends before an answer', () => {
    it.each([
      ['Local/busy@sim', 'Busy', 17, undefined],
      ['Local/busy-hangup17@sim', 'Busy', 17, undefined],
      ['Local/reject@sim', 'Rejected', 21, undefined],
      ['Local/congestion@sim', 'Congestion', 34, undefined],
      ['PJSIP/busy@loop', 'Busy', 17, 486],
      ['PJSIP/reject@loop', 'Rejected', 21, 403],
    ])('%s ends as %s with cause %d (SIP %s)', async (endpoint, outcome, cause, sipCode) => {
      const { types, ended } = await world().call(`ari-${endpoint.replace(/\W/g, '-')}`, endpoint);
      expect(types).toEqual(['CallRequested', 'CallOriginated', 'CallEnded']);
      expect(ended).toMatchObject({ outcome, cause, endedBy: 'Network', talkSeconds: 0, billableSeconds: 0 });
      expect(ended.sipCode).toBe(sipCode);
    }, 30_000);

    it('rings and gives up after the ring timeout with cause 19', async () => {
      const { types, ended } = await world().call('ari-noanswer', 'Local/noanswer@sim');
      expect(types).toEqual(['CallRequested', 'CallOriginated', 'CallRinging', 'CallEnded']);
      expect(ended).toMatchObject({ outcome: 'NoAnswer', cause: 19, billableSeconds: 0 });
      expect(ended.ringSeconds).toBeGreaterThanOrEqual(RING_TIMEOUT_MS / 1000 - 0.5);
      expect(ended.ringSeconds).toBeLessThan(RING_TIMEOUT_MS / 1000 + 3);
    }, 30_000);
  });

  describe('machine detection (the AMD hop leaves and re-enters Stasis)', () => {
    it('hangs up on the machine callee, answered once', async () => {
      const { events, types, ended } = await world().call('ari-machine', 'Local/machine@sim', 'machine-filter');
      expect(types.filter((type) => type === 'CallAnswered')).toHaveLength(1);
      expect(events.find((event) => event.type === 'MachineDetectionCompleted')?.data).toMatchObject({ result: 'machine' });
      expect(types).not.toContain('PromptPlayed');
      expect(ended).toMatchObject({ outcome: 'Machine', endedBy: 'Bot', cause: 16 });
    }, 30_000);

    it('plays the menu to the human callee', async () => {
      const { events, types, ended } = await world().call('ari-human', 'Local/human@sim', 'machine-filter');
      expect(types.filter((type) => type === 'CallAnswered')).toHaveLength(1);
      expect(events.find((event) => event.type === 'MachineDetectionCompleted')?.data).toMatchObject({ result: 'human' });
      expect(types).toContain('PromptPlayed');
      expect(ended.cause).toBe(16);
      expect(['Completed', 'Dropped']).toContain(ended.outcome);
    }, 30_000);
  });

  it('records the prompt as failed when the callee hangs up in the middle of it', async () => {
    const { events, types, ended } = await world().call('ari-hangup-early', 'Local/hangup-early@sim', 'long-greeting');
    expect(events.filter((event) => event.type === 'PromptPlayed').at(-1)?.data).toMatchObject({ result: 'Failed' });
    expect(types).not.toContain('CallHangupRequested');
    expect(ended).toMatchObject({ outcome: 'Dropped', endedBy: 'Callee', cause: 16 });
  }, 30_000);

  it('transfers to the operator through a mixing bridge and cleans up when the customer leaves', async () => {
    const { types, ended } = await world().call('ari-transfer', 'Local/answer-dtmf@sim', 'menu-to-operator');
    expect(types.filter((type) => type.startsWith('Transfer') || type === 'CallEnded')).toEqual(['TransferStarted', 'TransferConnected', 'CallEnded']);
    expect(ended).toMatchObject({ outcome: 'Transferred', endedBy: 'Callee', cause: 16 });
  }, 30_000);

  it('rings once for a channel id originated twice, one after the other and at once', async () => {
    const call = listen('zvc-dup-1');
    const request = silentCall('zvc-dup-1');
    expect(await telephony.originate(request)).toEqual({ kind: 'originated' });
    expect(await telephony.originate(request)).toEqual({ kind: 'already-originated' });
    expect((await Promise.all([telephony.originate(request), telephony.originate(request)])).map((result) => result.kind)).toEqual(['already-originated', 'already-originated']);
    await call.answered();
    expect((await ari.listChannels()).map((channel) => channel.id).sort()).toEqual(['zvc-dup-1', 'zvc-dup-1;2']);
    await call.hangUpAndFinish();
  }, 30_000);

  it('retries an originate whose answer was lost with the same channel id: the 409 means it rang, once', async () => {
    const call = listen('zvc-lost-1');
    const proxy = await startBlackholeProxy(Number(new URL(sim.baseUrl).port), 1);
    try {
      // Only REST goes through the proxy; this instance never opens its events socket.
      const viaProxy = new AriTelephony({
        ari: { baseUrl: proxy.baseUrl, username: 'asterisk', password: 'asterisk', app: APP, requestTimeoutMs: 300 },
        dialPlan: { callee: () => 'Local/answer-silent@sim', operator: () => 'Local/operator@sim', media: mediaOf },
        clock: scheduler,
        log: (entry) => logs.push(entry),
      });
      expect(await viaProxy.originate(silentCall('zvc-lost-1'))).toEqual({ kind: 'already-originated' });
      expect(proxy.swallowed()).toBe(1);
    } finally {
      await proxy.stop();
    }
    await call.answered();
    expect((await ari.listChannels()).filter((channel) => channel.id === 'zvc-lost-1')).toHaveLength(1);
    await call.hangUpAndFinish();
  }, 30_000);

  it('after the events socket drops, adopts its live call, hangs up an orphan of the app, and events flow again', async () => {
    const call = listen('zvc-keep-1');
    await telephony.originate(silentCall('zvc-keep-1'));
    await ari.originate({ endpoint: 'Local/answer-silent@sim', channelId: 'zvc-orphan-1', appArgs: ['call'] });
    await call.answered();
    await eventually(async () => (await ari.getChannel('zvc-orphan-1')).state === 'Up', { what: 'orphan up' });
    const before = resyncs.length;
    expect(await sim.dropEventSockets()).toBeGreaterThan(0);
    const resync = await eventually(() => resyncs.slice(before).find((entry) => entry.reconnected), { what: 'resync after reconnect' });
    expect(resync).toMatchObject({ adopted: ['zvc-keep-1'], hungUp: ['zvc-orphan-1'], lost: [] });
    await eventually(() => telephony.state === 'connected', { what: 'reconnected' });
    await call.hangUpAndFinish();
  }, 30_000);

  it('reports a call that ended while the events connection was down as hung up', async () => {
    const call = listen('zvc-gone-1');
    await telephony.originate(silentCall('zvc-gone-1'));
    await call.answered();
    await telephony.stop();
    await ari.hangup('zvc-gone-1');
    await eventually(async () => (await ari.listChannels()).length === 0, { what: 'the call gone from Asterisk' });
    expect(telephony.liveChannels).toBe(1);
    const before = resyncs.length;
    telephony.start();
    expect(await eventually(() => resyncs[before], { what: 'resync' })).toMatchObject({ adopted: [], hungUp: [], lost: ['zvc-gone-1'] });
    await eventually(() => telephony.state === 'connected', { what: 'connected again' });
    await call.hangUpAndFinish();
  }, 30_000);
});
