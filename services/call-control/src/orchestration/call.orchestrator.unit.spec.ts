// Whole calls on the in-memory event store and the simulated telephony, in virtual time: no I/O,
// no wall-clock waits, so these run with the unit specs.
import { InMemoryEventStore, type RecordedEvent } from '@zvonar/eventsourcing';
import { aContact } from '@zvonar/scenario-runtime/src/testing/scenario.mother';
import {
  aBusyLine,
  anAnsweringMachine,
  aPersonWho,
  aPersonWhoHangsUpMidPrompt,
  aRejectingCallee,
  aSimulatedNetwork,
  keys,
  says,
  nobodyAnswers,
  runVirtualTime,
  silence,
} from '../../test/mothers/telephony.mother';
import { aDtmfMenuScenario, aMachineFilteredScenario, aSpeechTransferScenario, aTwoDigitMenuScenario, MENU_PROMPT, OPERATOR_PROMPT } from '../../test/mothers/scenario.mother';
import { callStreamId, type CallEnded, type CallEvent } from '../call/domain';
import { defaultCalleeBehaviour, type CalleeBehaviour, type SimulatedTelephonyConfig } from '../telephony/simulated/callee-behaviour';
import { SimulatedTelephony } from '../telephony/simulated/simulated.telephony';
import type { OriginateRequest, OriginateResult, Telephony } from '../telephony/telephony.port';
import { VirtualScheduler } from '../telephony/time/virtual.scheduler';
import { CallOrchestrator, type PlaceCallRequest } from './call.orchestrator';
import { InMemoryScenarioCatalogue } from './scenario-catalogue.port';

/** Counts originates on the way to the real simulated network. */
class OriginateCounter {
  readonly originates = new Map<string, number>();
  constructor(readonly inner: Telephony) {}
  wrap(): Telephony {
    const inner = this.inner;
    const counts = this.originates;
    return Object.assign(Object.create(inner) as Telephony, {
      originate: (request: OriginateRequest): Promise<OriginateResult> => {
        counts.set(request.channelId, (counts.get(request.channelId) ?? 0) + 1);
        return inner.originate(request);
      },
      subscribe: inner.subscribe.bind(inner),
    });
  }
}

/** Delivers every telephony event twice, as ARI sometimes does. */
const repeatingEvents = (inner: Telephony): Telephony =>
  Object.assign(Object.create(inner) as Telephony, {
    subscribe: (channelId: string, listener: Parameters<Telephony['subscribe']>[1]) =>
      inner.subscribe(channelId, (event) => {
        listener(event);
        listener(event);
      }),
  });

const world = (network: SimulatedTelephonyConfig, scheduler = new VirtualScheduler(), repeat = false) => {
  const store = new InMemoryEventStore();
  const telephony = new SimulatedTelephony(network, scheduler);
  const counter = new OriginateCounter(repeat ? repeatingEvents(telephony) : telephony);
  const errors: unknown[] = [];
  const orchestrator = new CallOrchestrator({
    store,
    telephony: counter.wrap(),
    scheduler,
    scenarios: new InMemoryScenarioCatalogue([aDtmfMenuScenario(), { ...aMachineFilteredScenario(), scenarioId: 'machine-filter' }, aSpeechTransferScenario(), aTwoDigitMenuScenario()]),
    channelsPerTrunk: () => 500,
    onError: (_callId, error) => errors.push(error),
  });
  const streamOf = async (attemptId: string): Promise<RecordedEvent<CallEvent>[]> => (await store.readStream<CallEvent>(callStreamId(attemptId))).events;
  const typesOf = async (attemptId: string) => (await streamOf(attemptId)).map((event) => event.type);
  const endOf = async (attemptId: string): Promise<CallEnded['data']> => {
    const last = (await streamOf(attemptId)).at(-1);
    if (last?.type !== 'CallEnded') throw new Error(`call ${attemptId} has not ended: ${last?.type}`);
    return last.data;
  };
  const run = (untilMs?: number) => runVirtualTime(scheduler, orchestrator, untilMs);
  return { store, scheduler, telephony, counter, orchestrator, errors, streamOf, typesOf, endOf, run };
};

const request = (attemptId = 'attempt-1', overrides: Partial<PlaceCallRequest> = {}): PlaceCallRequest => ({
  attemptId,
  projectId: 'project-1',
  campaignId: 'campaign-1',
  contact: aContact({ id: `contact-${attemptId}`, phone: '+79991234567' }),
  scenario: { scenarioId: 'scenario-1', version: 1 },
  trunkId: 'trunk-default',
  callerId: '+74950001122',
  ...overrides,
});

const placeOne = async (behaviour: CalleeBehaviour, overrides: Partial<PlaceCallRequest> = {}) => {
  const w = world(aSimulatedNetwork(behaviour));
  expect(await w.orchestrator.placeCall(request('attempt-1', overrides))).toEqual({ kind: 'placed', callId: 'attempt-1' });
  await w.run();
  return w;
};

/** Every call leaves nothing behind: no process, channel, listener or timer. */
const expectNothingLeft = (w: ReturnType<typeof world>) => {
  expect(w.orchestrator.activeCalls).toBe(0);
  expect(w.telephony.activeChannels).toBe(0);
  expect(w.telephony.listenedChannels).toBe(0);
  expect(w.scheduler.pending).toBe(0);
  expect(w.errors).toEqual([]);
};

const expectDurationsConsistent = (ended: CallEnded['data']) => {
  expect(ended.billableSeconds).toBe(Math.ceil(ended.talkSeconds));
  if (ended.answeredAt) expect(ended.talkSeconds).toBeCloseTo((Date.parse(ended.endedAt) - Date.parse(ended.answeredAt)) / 1000, 3);
};

describe('CallOrchestrator over the simulated telephony', () => {
  describe('a DTMF menu call', () => {
    it('reaches the goal when the callee presses 1', async () => {
      const w = await placeOne(aPersonWho(MENU_PROMPT, keys('1')));
      expect(await w.typesOf('attempt-1')).toEqual([
        'CallRequested',
        'CallOriginated',
        'CallRinging',
        'CallAnswered',
        'ScenarioNodeEntered',
        'PromptPlayed',
        'DtmfReceived',
        'ScenarioNodeEntered',
        'GoalReached',
        'PromptPlayed',
        'CallHangupRequested',
        'CallEnded',
      ]);
      const ended = await w.endOf('attempt-1');
      expect(ended).toMatchObject({ outcome: 'Goal', cause: 16, endedBy: 'Bot', goalReached: true, blacklisted: false });
      expect(ended.ringSeconds).toBeGreaterThanOrEqual(2);
      expect(ended.talkSeconds).toBeGreaterThan(5);
      expectDurationsConsistent(ended);
      expectNothingLeft(w);
    });

    it('blacklists the contact when the callee presses 2', async () => {
      const w = await placeOne(aPersonWho(MENU_PROMPT, keys('2')));
      const events = await w.streamOf('attempt-1');
      expect(events.filter((event) => event.type === 'ContactBlacklisted').map((event) => event.data)).toEqual([
        expect.objectContaining({ contactId: 'contact-attempt-1', phone: '+79991234567', scope: 'project' }),
      ]);
      expect(await w.endOf('attempt-1')).toMatchObject({ outcome: 'Blacklist', blacklisted: true, goalReached: false, cause: 16 });
      expectNothingLeft(w);
    });

    it('repeats the menu once to a silent callee, then says goodbye and hangs up', async () => {
      const w = await placeOne(aPersonWho(MENU_PROMPT, silence));
      const events = await w.streamOf('attempt-1');
      const prompts = events.flatMap((event) => (event.type === 'PromptPlayed' && event.data.media.kind === 'text' ? [event.data.media.text] : []));
      expect(prompts).toEqual([MENU_PROMPT, MENU_PROMPT, 'До свидания']);
      expect(events.filter((event) => event.type === 'ScenarioNodeEntered').map((event) => event.type === 'ScenarioNodeEntered' && event.data.nodeId)).toEqual(['answer', 'bye']);
      expect(events.some((event) => event.type === 'DtmfReceived')).toBe(false);
      expect(await w.endOf('attempt-1')).toMatchObject({ outcome: 'Completed', endedBy: 'Bot', cause: 16 });
      expectNothingLeft(w);
    });
  });

  it('records speech, the recording and a transfer to an operator who answers', async () => {
    const behaviour = { ...aPersonWho(OPERATOR_PROMPT, says('да')), operatorAnswerShare: 1 };
    const w = await placeOne(behaviour, { scenario: { scenarioId: 'speech-transfer', version: 1 } });
    const types = await w.typesOf('attempt-1');
    expect(types.filter((type) => ['SpeechRecognised', 'TransferStarted', 'TransferConnected', 'RecordingStored', 'CallEnded'].includes(type))).toEqual([
      'SpeechRecognised',
      'TransferStarted',
      'TransferConnected',
      'RecordingStored',
      'CallEnded',
    ]);
    const ended = await w.endOf('attempt-1');
    expect(ended).toMatchObject({ outcome: 'Transferred', endedBy: 'Callee', cause: 16 });
    expect(ended.talkSeconds).toBeGreaterThan(30);
    expectNothingLeft(w);
  });

  it('records the same call whether or not the network repeats every event', async () => {
    const streams = async (repeat: boolean) => {
      const w = world(aSimulatedNetwork(aPersonWho(MENU_PROMPT, keys('1')), { seed: 11 }), new VirtualScheduler(), repeat);
      await w.orchestrator.placeCall(request('attempt-1', { scenario: { scenarioId: 'two-digit-menu', version: 1 } }));
      await w.run();
      expectNothingLeft(w);
      return (await w.streamOf('attempt-1')).map(({ type, data }) => ({ type, data }));
    };
    const [once, twice] = [await streams(false), await streams(true)];
    expect(twice).toEqual(once);
    // A repeated key press fed to the runtime would have made "11": the blacklist branch.
    expect(once.filter((event) => event.type === 'DtmfReceived')).toHaveLength(1);
    expect(once.at(-1)).toMatchObject({ type: 'CallEnded', data: { outcome: 'Goal' } });
  });

  describe('unanswered and cut-short calls', () => {
    it('ends a busy line with cause 17 / SIP 486, no answer and nothing billable', async () => {
      const w = await placeOne(aBusyLine());
      expect(await w.typesOf('attempt-1')).toEqual(['CallRequested', 'CallOriginated', 'CallEnded']);
      expect(await w.endOf('attempt-1')).toMatchObject({ outcome: 'Busy', cause: 17, sipCode: 486, endedBy: 'Network', talkSeconds: 0, billableSeconds: 0 });
      expectNothingLeft(w);
    });

    it('ends an unanswered call with cause 19 after exactly the ring timeout of ringing', async () => {
      const w = await placeOne(nobodyAnswers());
      expect(await w.typesOf('attempt-1')).toEqual(['CallRequested', 'CallOriginated', 'CallRinging', 'CallEnded']);
      expect(await w.endOf('attempt-1')).toMatchObject({ outcome: 'NoAnswer', cause: 19, sipCode: 480, ringSeconds: 30, billableSeconds: 0 });
      expectNothingLeft(w);
    });

    it('ends a rejected call with cause 21', async () => {
      const w = await placeOne(aRejectingCallee());
      expect(await w.endOf('attempt-1')).toMatchObject({ outcome: 'Rejected', cause: 21, endedBy: 'Network', billableSeconds: 0 });
      expectNothingLeft(w);
    });

    it('hangs up on an answering machine and bills the seconds until then', async () => {
      const w = await placeOne(anAnsweringMachine(), { scenario: { scenarioId: 'machine-filter', version: 1 } });
      const events = await w.streamOf('attempt-1');
      expect(events.find((event) => event.type === 'MachineDetectionCompleted')?.data).toMatchObject({ result: 'machine' });
      expect(events.some((event) => event.type === 'PromptPlayed')).toBe(false);
      const ended = await w.endOf('attempt-1');
      expect(ended).toMatchObject({ outcome: 'Machine', endedBy: 'Bot', cause: 16 });
      expect(ended.talkSeconds).toBeGreaterThanOrEqual(2.5);
      expect(ended.talkSeconds).toBeLessThanOrEqual(4);
      expectDurationsConsistent(ended);
      expectNothingLeft(w);
    });

    it('records the prompt as failed and the call as dropped when the callee hangs up mid-prompt', async () => {
      const w = await placeOne(aPersonWhoHangsUpMidPrompt());
      const events = await w.streamOf('attempt-1');
      expect(events.filter((event) => event.type === 'PromptPlayed').at(-1)?.data).toMatchObject({ result: 'Failed' });
      expect(events.some((event) => event.type === 'CallHangupRequested')).toBe(false);
      const ended = await w.endOf('attempt-1');
      expect(ended).toMatchObject({ outcome: 'Dropped', endedBy: 'Callee', cause: 16 });
      expectDurationsConsistent(ended);
      expectNothingLeft(w);
    });
  });

  it('ends a call on record when carrying out a step fails, instead of leaving it open', async () => {
    const w = world(aSimulatedNetwork(aPersonWho(MENU_PROMPT, keys('1'))));
    const failing = Object.assign(Object.create(w.telephony) as Telephony, {
      subscribe: w.telephony.subscribe.bind(w.telephony),
      play: () => Promise.reject(new Error('media server unreachable')),
    });
    const orchestrator = new CallOrchestrator({
      store: w.store,
      telephony: failing,
      scheduler: w.scheduler,
      scenarios: new InMemoryScenarioCatalogue([aDtmfMenuScenario()]),
      channelsPerTrunk: () => 10,
      onError: (_callId, error) => w.errors.push(error),
    });
    await orchestrator.placeCall(request('attempt-1'));
    const drained = orchestrator.drained();
    await runVirtualTime(w.scheduler, orchestrator);
    await drained;
    expect(w.errors).toEqual([new Error('media server unreachable')]);
    const types = await w.typesOf('attempt-1');
    expect(types.slice(-2)).toEqual(['CallHangupRequested', 'CallEnded']);
    expect(await w.endOf('attempt-1')).toMatchObject({ outcome: 'Failed', endedBy: 'Bot', cause: 16 });
    expect(w.telephony.activeChannels).toBe(0);
    expect(w.scheduler.pending).toBe(0);
  });

  describe('attempts that cannot be placed', () => {
    it('answers an unknown scenario version with a typed rejection and rings nothing', async () => {
      const w = world(aSimulatedNetwork());
      expect(await w.orchestrator.placeCall(request('attempt-1', { scenario: { scenarioId: 'scenario-1', version: 9 } }))).toEqual({
        kind: 'rejected',
        callId: 'attempt-1',
        reason: 'UnknownScenarioVersion',
      });
      expect(await w.typesOf('attempt-1')).toEqual(['PlaceCallRejected']);
      expect(w.counter.originates.size).toBe(0);
    });

    it('rejects an invalid number', async () => {
      const w = world(aSimulatedNetwork());
      const result = await w.orchestrator.placeCall(request('attempt-1', { contact: aContact({ phone: '8 999 123' }) }));
      expect(result).toMatchObject({ kind: 'rejected', reason: 'InvalidNumber' });
    });

    it('ends the call as failed when the network has no free channel', async () => {
      const w = world(aSimulatedNetwork(aPersonWho(MENU_PROMPT, silence), { maxChannels: 1 }));
      await w.orchestrator.placeCall(request('attempt-1'));
      await w.orchestrator.placeCall(request('attempt-2'));
      await w.run();
      expect(await w.endOf('attempt-2')).toMatchObject({ outcome: 'Failed', failureReason: 'NoFreeChannel', cause: 34, billableSeconds: 0 });
      expect(await w.endOf('attempt-1')).toMatchObject({ outcome: 'Completed' });
      expectNothingLeft(w);
    });
  });

  it('rings once for a PlaceCall delivered twice, in sequence and at the same time', async () => {
    const w = world(aSimulatedNetwork(aPersonWho(MENU_PROMPT, keys('1'))));
    const first = await w.orchestrator.placeCall(request('attempt-1'));
    const again = await w.orchestrator.placeCall(request('attempt-1'));
    const together = await Promise.all([w.orchestrator.placeCall(request('attempt-2')), w.orchestrator.placeCall(request('attempt-2'))]);
    await w.run();
    const afterTheEnd = await w.orchestrator.placeCall(request('attempt-1'));
    expect([first.kind, again.kind, afterTheEnd.kind]).toEqual(['placed', 'duplicate', 'duplicate']);
    expect(together.map((result) => result.kind).sort()).toEqual(['duplicate', 'placed']);
    expect([...w.counter.originates.entries()]).toEqual([
      ['zvc-attempt-1', 1],
      ['zvc-attempt-2', 1],
    ]);
    for (const attempt of ['attempt-1', 'attempt-2']) {
      const types = await w.typesOf(attempt);
      expect(types.filter((type) => type === 'CallRequested' || type === 'CallRinging' || type === 'CallEnded')).toEqual(['CallRequested', 'CallRinging', 'CallEnded']);
    }
    expectNothingLeft(w);
  });

  describe('a seeded mix', () => {
    const outcomesOf = async (seed: number) => {
      const w = world(aSimulatedNetwork(defaultCalleeBehaviour, { seed }));
      const ids = Array.from({ length: 40 }, (_, index) => `attempt-${index}`);
      await Promise.all(ids.map((id) => w.orchestrator.placeCall(request(id))));
      await w.run();
      return Promise.all(ids.map(async (id) => w.endOf(id)));
    };

    it('gives the same calls for the same seed, and other calls for another', async () => {
      const [first, second, other] = [await outcomesOf(7), await outcomesOf(7), await outcomesOf(8)];
      expect(second).toEqual(first);
      expect(other).not.toEqual(first);
      expect(new Set(first.map((ended) => ended.outcome)).size).toBeGreaterThanOrEqual(4);
    });
  });

  it('takes 100 concurrent calls to CallEnded with complete streams and nothing left behind', async () => {
    const w = world(aSimulatedNetwork(defaultCalleeBehaviour, { seed: 2026 }));
    const ids = Array.from({ length: 100 }, (_, index) => `attempt-${index}`);
    const placed = await Promise.all(ids.map((id) => w.orchestrator.placeCall(request(id))));
    expect(placed.every((result) => result.kind === 'placed')).toBe(true);
    expect(w.orchestrator.activeCalls).toBe(100);
    await w.run();
    for (const id of ids) {
      const types = await w.typesOf(id);
      expect(types.slice(0, 2)).toEqual(['CallRequested', 'CallOriginated']);
      expect(types.filter((type) => type === 'CallEnded')).toEqual(['CallEnded']);
      expect(types.at(-1)).toBe('CallEnded');
      const ended = await w.endOf(id);
      expectDurationsConsistent(ended);
      if (types.includes('CallAnswered')) expect(types).toContain('ScenarioNodeEntered');
    }
    expectNothingLeft(w);
  });

  it('after a restart, ends every call the dead process left open, from the stream alone', async () => {
    const scheduler = new VirtualScheduler();
    const before = world(aSimulatedNetwork(aPersonWho(MENU_PROMPT, silence)), scheduler);
    const ids = ['attempt-1', 'attempt-2', 'attempt-3'];
    await Promise.all(ids.map((id) => before.orchestrator.placeCall(request(id))));
    await before.run(scheduler.now().getTime() + 20_000);
    for (const id of ids) expect(await before.typesOf(id)).toContain('ScenarioNodeEntered');
    before.orchestrator.detachAll();

    const after = new CallOrchestrator({
      store: before.store,
      telephony: before.telephony,
      scheduler,
      scenarios: new InMemoryScenarioCatalogue([aDtmfMenuScenario()]),
      channelsPerTrunk: () => 10,
    });
    expect((await after.recoverCalls()).sort()).toEqual(ids);
    await runVirtualTime(scheduler, after);
    for (const id of ids) {
      const ended = await before.endOf(id);
      expect(ended).toMatchObject({ outcome: 'Interrupted', failureReason: 'ProcessRestarted', endedBy: 'System', cause: 41 });
      expectDurationsConsistent(ended);
    }
    expect(await after.recoverCalls()).toEqual([]);
    expect(before.telephony.activeChannels).toBe(0);
    expect(scheduler.pending).toBe(0);
  });

  describe("with the campaign's call settings", () => {
    it('hangs up on an answering machine before the menu when the campaign detects machines', async () => {
      const w = await placeOne(anAnsweringMachine(), { settings: { detectMachine: true } });
      const types = await w.typesOf('attempt-1');
      expect(types).toContain('MachineDetectionCompleted');
      expect(types).not.toContain('PromptPlayed');
      expect(await w.endOf('attempt-1')).toMatchObject({ outcome: 'Machine', endedBy: 'Bot' });
      expectNothingLeft(w);
    });

    it('plays the menu to a machine when the campaign does not detect machines', async () => {
      const w = await placeOne(anAnsweringMachine(), { settings: { detectMachine: false } });
      expect(await w.typesOf('attempt-1')).not.toContain('MachineDetectionCompleted');
      expect(await w.typesOf('attempt-1')).toContain('PromptPlayed');
      expectNothingLeft(w);
    });

    it('records the call when the campaign records', async () => {
      const w = await placeOne(aPersonWho(MENU_PROMPT, keys('1')), { settings: { record: true } });
      expect(await w.typesOf('attempt-1')).toContain('RecordingStored');
      expect(await w.endOf('attempt-1')).toMatchObject({ outcome: 'Goal' });
      expectNothingLeft(w);
    });

    it("gives up ringing after the campaign's answer wait", async () => {
      const w = await placeOne(nobodyAnswers(), { settings: { answerWaitMs: 10_000 } });
      const ended = await w.endOf('attempt-1');
      expect(ended).toMatchObject({ outcome: 'NoAnswer', cause: 19 });
      expect(ended.ringSeconds).toBeLessThanOrEqual(10);
      expect(ended.ringSeconds).toBeGreaterThan(9);
      expectNothingLeft(w);
    });
  });
});
