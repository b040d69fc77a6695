// Trunks in the call flow: the orchestrator over the trunk catalogue, the call streams in a real
// PostgreSQL event store, the simulated telephony on virtual time. Every originate is stamped
// with the scheduler's clock, so the pace is measured exactly and nothing waits on the wall.
import { PostgresEventStore } from '@zvonar/event-store-postgres';
import type { RecordedEvent } from '@zvonar/eventsourcing';
import { aContact } from '@zvonar/scenario-runtime/src/testing/scenario.mother';
import { createTestDatabase, describeWithPostgres } from '@zvonar/testing';
import { callStreamId, type CallEnded, type CallEvent, type CallOriginated, type CallRequested, type PlaceCallRejected } from '../src/call/domain';
import { CallOrchestrator, type PlaceCallRequest } from '../src/orchestration/call.orchestrator';
import { InMemoryScenarioCatalogue } from '../src/orchestration/scenario-catalogue.port';
import type { CalleeBehaviour } from '../src/telephony/simulated/callee-behaviour';
import { SimulatedTelephony } from '../src/telephony/simulated/simulated.telephony';
import type { OriginateRequest, Telephony } from '../src/telephony/telephony.port';
import { VirtualScheduler } from '../src/telephony/time/virtual.scheduler';
import type { Trunk } from '../src/trunks/domain';
import { TrunkRouter } from '../src/trunks/trunk-router';
import { aDtmfMenuScenario, MENU_PROMPT } from './mothers/scenario.mother';
import { aPersonWho, aSimulatedNetwork, keys, nobodyAnswers, runVirtualTime } from './mothers/telephony.mother';
import { aPool, aTrunk } from './mothers/trunk.mother';

const T0 = Date.parse('2026-03-02T10:00:00.000Z');

type Originate = OriginateRequest & { readonly atMs: number };

describeWithPostgres('trunks: dial plan, caller IDs, channels and pace of the calls placed', (serverUrl) => {
  let database: { url: string; drop(): Promise<void> };
  let store: PostgresEventStore;
  let attempts = 0;

  beforeAll(async () => {
    database = await createTestDatabase(serverUrl, 'call_control_trunks');
    store = await PostgresEventStore.connect({ connectionString: database.url, schema: 'call_control' });
  }, 30_000);

  afterAll(async () => {
    await store?.close();
    await database?.drop();
  });

  /** The call flow over these trunks, with every originate recorded at its scheduler time. */
  const world = (trunks: readonly Trunk[], callee: CalleeBehaviour = aPersonWho(MENU_PROMPT, keys('1'))) => {
    const scheduler = new VirtualScheduler(new Date(T0));
    const network = new SimulatedTelephony(aSimulatedNetwork(callee), scheduler);
    const originates: Originate[] = [];
    const telephony: Telephony = Object.assign(Object.create(network) as Telephony, {
      originate: (request: OriginateRequest) => {
        originates.push({ ...request, atMs: scheduler.now().getTime() - T0 });
        return network.originate(request);
      },
      subscribe: network.subscribe.bind(network),
    });
    const errors: unknown[] = [];
    const router = new TrunkRouter(trunks);
    const orchestrator = new CallOrchestrator({
      store,
      telephony,
      scheduler,
      scenarios: new InMemoryScenarioCatalogue([aDtmfMenuScenario()]),
      channelsPerTrunk: (trunkId) => router.channelsOf(trunkId),
      trunks: router,
      onError: (_callId, error) => errors.push(error),
    });
    const place = (overrides: Partial<PlaceCallRequest> = {}) => {
      const attemptId = `trunks-${(attempts += 1)}`;
      return orchestrator.placeCall({
        attemptId,
        projectId: 'project-1',
        campaignId: 'campaign-1',
        contact: aContact({ id: `contact-${attemptId}`, phone: '+79991234567' }),
        scenario: { scenarioId: 'scenario-1', version: 1 },
        ...overrides,
      });
    };
    const run = () => runVirtualTime(scheduler, orchestrator);
    return { scheduler, orchestrator, originates, errors, place, run };
  };

  const streamOf = async (callId: string): Promise<RecordedEvent<CallEvent>[]> => (await store.readStream<CallEvent>(callStreamId(callId))).events;
  /** The data of the call's first event of this type (the stream is the record, not the orchestrator's word). */
  const eventOf = async <E extends CallEvent>(callId: string, type: E['type']): Promise<E['data']> => {
    const event = (await streamOf(callId)).find((candidate) => candidate.type === type);
    if (!event) throw new Error(`${callId} has no ${type}`);
    return (event as unknown as E).data;
  };
  const placedId = (result: Awaited<ReturnType<ReturnType<typeof world>['place']>>): string => {
    if (result.kind !== 'placed') throw new Error(`expected the call placed, got ${JSON.stringify(result)}`);
    return result.callId;
  };

  it('spreads the originates of a trunk capped at 4 calls per second evenly, 250 ms apart, while an uncapped trunk dials at once', async () => {
    const w = world([aTrunk({ id: 'capped', callsPerSecond: 4, prefixes: ['+7999'] }), aTrunk({ id: 'free', prefixes: ['+7998'] })]);
    const capped = [];
    for (let call = 0; call < 6; call += 1) capped.push(placedId(await w.place()));
    const free = [placedId(await w.place({ contact: aContact({ id: 'c-free-1', phone: '+79981234567' }) })), placedId(await w.place({ contact: aContact({ id: 'c-free-2', phone: '+79981234568' }) }))];
    await w.run();

    expect(w.originates.filter((originate) => originate.trunkId === 'capped').map((originate) => originate.atMs)).toEqual([0, 250, 500, 750, 1_000, 1_250]);
    expect(w.originates.filter((originate) => originate.trunkId === 'free').map((originate) => originate.atMs)).toEqual([0, 0]);
    // Each call's stream says when it was requested (all at once) and when it went out (its slot).
    const originatedAt = await Promise.all(capped.map(async (callId) => Date.parse((await eventOf<CallOriginated>(callId, 'CallOriginated')).originatedAt) - T0));
    expect(originatedAt).toEqual([0, 250, 500, 750, 1_000, 1_250]);
    for (const callId of [...capped, ...free]) expect(await eventOf<CallEnded>(callId, 'CallEnded')).toMatchObject({ outcome: 'Goal' });
    expect(w.errors).toEqual([]);
    expect(w.scheduler.pending).toBe(0);
  }, 30_000);

  it("starts a paced call's answer wait at its originate, not while it waited for its slot", async () => {
    const w = world([aTrunk({ id: 'slow', callsPerSecond: 0.1 })], nobodyAnswers());
    const first = placedId(await w.place({ settings: { answerWaitMs: 20_000 } }));
    const second = placedId(await w.place({ settings: { answerWaitMs: 20_000 } }));
    await w.run();

    expect(w.originates.map((originate) => originate.atMs)).toEqual([0, 10_000]);
    const [one, two] = [await eventOf<CallEnded>(first, 'CallEnded'), await eventOf<CallEnded>(second, 'CallEnded')];
    expect(one).toMatchObject({ outcome: 'NoAnswer' });
    expect(two).toMatchObject({ outcome: 'NoAnswer', ringSeconds: one.ringSeconds });
  }, 30_000);

  it('does not ring a call whose slot comes after its lease, records nothing for it, and gives the slot to the next call', async () => {
    const w = world([aTrunk({ id: 'one-per-second', callsPerSecond: 1 })]);
    const first = placedId(await w.place());
    const late = await w.place({ originateBy: new Date(T0 + 500) });
    const next = placedId(await w.place({ originateBy: new Date(T0 + 1_000) }));
    await w.run();

    expect(late).toEqual({ kind: 'expired', callId: expect.any(String), originateAt: new Date(T0 + 1_000) });
    expect(await streamOf(late.callId)).toEqual([]);
    expect(w.originates.map((originate) => [originate.channelId, originate.atMs])).toEqual([
      [`zvc-${first}`, 0],
      [`zvc-${next}`, 1_000],
    ]);
  }, 30_000);

  it('presents the caller IDs of a round-robin pool in turn, one the PlaceCall names from the pool as asked, and refuses one outside it', async () => {
    const numbers = ['+74950000001', '+74950000002', '+74950000003'];
    const w = world([aTrunk({ id: 'pooled', callerIds: aPool(numbers) })]);
    const rotated = [];
    for (let call = 0; call < 4; call += 1) rotated.push(placedId(await w.place()));
    const named = placedId(await w.place({ callerId: '+74950000003' }));
    const outside = await w.place({ callerId: '+74951112233' });
    await w.run();

    expect(w.originates.map((originate) => originate.callerId)).toEqual([...numbers, '+74950000001', '+74950000003']);
    expect(await Promise.all([...rotated, named].map(async (callId) => (await eventOf<CallRequested>(callId, 'CallRequested')).callerId))).toEqual([...numbers, '+74950000001', '+74950000003']);
    expect(outside).toEqual({ kind: 'rejected', callId: outside.callId, reason: 'CallerIdNotAllowed' });
    expect((await eventOf<PlaceCallRejected>(outside.callId, 'PlaceCallRejected')).detail).toBe('caller ID +74951112233 is not in the pool of trunk pooled');
  }, 30_000);

  it('routes by the longest matching prefix, a named trunk overriding the dial plan, and records the chosen trunk', async () => {
    const w = world([aTrunk({ id: 'moscow', prefixes: ['+7495'] }), aTrunk({ id: 'russia', prefixes: ['+7'] }), aTrunk({ id: 'world' })]);
    const moscow = placedId(await w.place({ contact: aContact({ id: 'c-msk', phone: '+74951234567' }) }));
    const russia = placedId(await w.place({ contact: aContact({ id: 'c-spb', phone: '+78121234567' }) }));
    const abroad = placedId(await w.place({ contact: aContact({ id: 'c-by', phone: '+375291234567' }) }));
    const named = placedId(await w.place({ contact: aContact({ id: 'c-msk-2', phone: '+74951234568' }), trunkId: 'world' }));
    await w.run();

    expect(w.originates.map((originate) => [originate.number, originate.trunkId])).toEqual([
      ['+74951234567', 'moscow'],
      ['+78121234567', 'russia'],
      ['+375291234567', 'world'],
      ['+74951234568', 'world'],
    ]);
    expect(await Promise.all([moscow, russia, abroad, named].map(async (callId) => (await eventOf<CallRequested>(callId, 'CallRequested')).trunkId))).toEqual(['moscow', 'russia', 'world', 'world']);
  }, 30_000);

  it("refuses a call beyond the trunk's channels as NoFreeChannel (calls waiting for their slot hold theirs), and takes calls again once channels are free", async () => {
    const w = world([aTrunk({ id: 'narrow', channels: 2, callsPerSecond: 1 }), aTrunk({ id: 'other', channels: 1 })]);
    const live = [placedId(await w.place()), placedId(await w.place())];
    const beyond = await w.place();
    const otherTrunk = await w.place({ trunkId: 'other' });

    expect(beyond).toEqual({ kind: 'rejected', callId: beyond.callId, reason: 'NoFreeChannel' });
    expect((await eventOf<PlaceCallRejected>(beyond.callId, 'PlaceCallRejected')).detail).toBe('trunk narrow has no free channel');
    expect(otherTrunk.kind).toBe('placed');
    await w.run();
    for (const callId of live) expect(await eventOf<CallEnded>(callId, 'CallEnded')).toMatchObject({ outcome: 'Goal' });
    expect(w.originates.filter((originate) => originate.channelId === `zvc-${beyond.callId}`)).toEqual([]);

    expect((await w.place()).kind).toBe('placed');
  }, 30_000);

  it('refuses a PlaceCall naming an unknown or a disabled trunk, or a number no trunk serves, as TrunkUnavailable: nothing rings', async () => {
    const w = world([aTrunk({ id: 'moscow', prefixes: ['+7495'] }), aTrunk({ id: 'off', enabled: false })]);
    const unknown = await w.place({ trunkId: 'nowhere' });
    const disabled = await w.place({ trunkId: 'off' });
    const unserved = await w.place({ contact: aContact({ id: 'c-abroad', phone: '+375291234567' }) });
    await w.run();

    for (const result of [unknown, disabled, unserved]) expect(result).toEqual({ kind: 'rejected', callId: result.callId, reason: 'TrunkUnavailable' });
    expect(await Promise.all([unknown, disabled, unserved].map(async ({ callId }) => (await eventOf<PlaceCallRejected>(callId, 'PlaceCallRejected')).detail))).toEqual([
      'trunk nowhere is not configured',
      'trunk off is disabled',
      'no enabled trunk serves +375291234567',
    ]);
    expect(w.originates).toEqual([]);
    expect(w.orchestrator.activeCalls).toBe(0);
  }, 30_000);
});
