// Two call-control replicas placing calls: two orchestrators, each with its own event store
// connection, its own simulated network and its own trunk limits (its own pool and holder id),
// over one PostgreSQL, on one virtual clock. The same calls over replicas whose limits live in
// memory show what the shared limits fix: twice the cap, and an uneven caller-ID rotation.
import { PostgresEventStore } from '@zvonar/event-store-postgres';
import { createPool, runMigrations } from '@zvonar/platform';
import { aContact } from '@zvonar/scenario-runtime/src/testing/scenario.mother';
import { createTestDatabase, describeWithPostgres } from '@zvonar/testing';
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { callControlMigrations } from '../src/calls/read-model/calls.migrations';
import { CallOrchestrator, type PlaceCallResult } from '../src/orchestration/call.orchestrator';
import { InMemoryScenarioCatalogue } from '../src/orchestration/scenario-catalogue.port';
import type { CalleeBehaviour } from '../src/telephony/simulated/callee-behaviour';
import { SimulatedTelephony } from '../src/telephony/simulated/simulated.telephony';
import type { OriginateRequest, Telephony } from '../src/telephony/telephony.port';
import { VirtualScheduler } from '../src/telephony/time/virtual.scheduler';
import type { Trunk } from '../src/trunks/domain';
import { InMemoryTrunkLimits } from '../src/trunks/limits/in-memory.trunk-limits';
import { PostgresTrunkLimits } from '../src/trunks/limits/postgres.trunk-limits';
import type { TrunkLimits } from '../src/trunks/limits/trunk-limits.port';
import { TrunkRouter } from '../src/trunks/trunk-router';
import { aDtmfMenuScenario, MENU_PROMPT } from './mothers/scenario.mother';
import { aPersonWho, aSimulatedNetwork, keys, nobodyAnswers, runVirtualTime } from './mothers/telephony.mother';
import { aPool, aTrunk } from './mothers/trunk.mother';

const T0 = Date.parse('2026-03-02T10:00:00.000Z');
type Originate = OriginateRequest & { readonly atMs: number };
type LimitsKind = 'postgres' | 'memory';

/** The most originates any one-second window [t, t + 1000) holds. */
const busiestSecond = (instantsMs: readonly number[]): number => {
  const sorted = [...instantsMs].sort((a, b) => a - b);
  return Math.max(0, ...sorted.map((first, index) => sorted.slice(index).filter((at) => at < first + 1_000).length));
};

describeWithPostgres('two call-control replicas on one trunk', (serverUrl) => {
  let database: { url: string; drop(): Promise<void> };
  const closers: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(serverUrl, 'trunk_limits_orchestrators');
    const migrator = createPool(database.url, { schema: 'call_control', max: 1 });
    await runMigrations(migrator, 'call_control', callControlMigrations);
    await migrator.end();
  }, 30_000);

  afterAll(async () => {
    for (const close of closers) await close();
    await database?.drop();
  });

  /** Two replicas over `trunks` on one virtual clock, each recording its originates (at virtual ms since T0). */
  const twoReplicas = async (kind: LimitsKind, trunks: readonly Trunk[], callee: CalleeBehaviour = aPersonWho(MENU_PROMPT, keys('1'))) => {
    const scheduler = new VirtualScheduler(new Date(T0));
    const originates: Originate[] = [];
    const errors: unknown[] = [];
    const replica = async (name: string, seed: number) => {
      const store = await PostgresEventStore.connect({ connectionString: database.url, schema: 'call_control' });
      const pool: Pool = createPool(database.url, { schema: 'call_control', max: 4, applicationName: `replica-${name}` });
      closers.push(() => store.close(), () => pool.end());
      const limits: TrunkLimits =
        kind === 'postgres' ? new PostgresTrunkLimits({ pool, holderId: `${name}-${randomUUID()}`, channelLeaseMs: 30_000, clock: () => scheduler.now().getTime() }) : new InMemoryTrunkLimits();
      const network = new SimulatedTelephony(aSimulatedNetwork(callee, { seed }), scheduler);
      const telephony: Telephony = Object.assign(Object.create(network) as Telephony, {
        originate: (request: OriginateRequest) => {
          originates.push({ ...request, atMs: scheduler.now().getTime() - T0 });
          return network.originate(request);
        },
        subscribe: network.subscribe.bind(network),
      });
      const router = new TrunkRouter(trunks, Math.random, limits);
      return new CallOrchestrator({
        store,
        telephony,
        scheduler,
        scenarios: new InMemoryScenarioCatalogue([aDtmfMenuScenario()]),
        channelsPerTrunk: (trunkId) => router.channelsOf(trunkId),
        trunks: router,
        limits,
        onError: (_callId, error) => errors.push(error),
      });
    };
    const replicas = [await replica('a', 1), await replica('b', 2)] as const;
    /** `count` PlaceCalls delivered at once, alternating between the replicas. */
    const placeAtOnce = (count: number): Promise<PlaceCallResult[]> =>
      Promise.all(
        Array.from({ length: count }, (_, index) =>
          (index % 2 === 0 ? replicas[0] : replicas[1]).placeCall({
            attemptId: `attempt-${randomUUID()}`,
            projectId: 'project-1',
            campaignId: 'campaign-1',
            contact: aContact({ id: `contact-${index}`, phone: '+79991234567' }),
            scenario: { scenarioId: 'scenario-1', version: 1 },
          }),
        ),
      );
    const run = () => runVirtualTime(scheduler, { whenIdle: async () => void (await Promise.all(replicas.map((one) => one.whenIdle()))) });
    return { originates, errors, placeAtOnce, run };
  };

  const fiveCps = (id: string) => aTrunk({ id, callsPerSecond: 5, callerIds: aPool(['+74950000001', '+74950000002', '+74950000003', '+74950000004']) });
  const perCallerId = (originates: readonly Originate[]) => {
    const counts = new Map<string, number>();
    for (const { callerId } of originates) counts.set(callerId, (counts.get(callerId) ?? 0) + 1);
    return [...counts.values()].sort((a, b) => a - b);
  };

  it('with shared limits, 20 calls at once on a 5 CPS trunk go out 5 a second across both replicas, each caller ID presented 5 times', async () => {
    const replicas = await twoReplicas('postgres', [fiveCps(`shared-${randomUUID()}`)]);
    const results = await replicas.placeAtOnce(20);
    await replicas.run();

    expect(results.map((result) => result.kind)).toEqual(Array(20).fill('placed'));
    expect(replicas.originates).toHaveLength(20);
    expect(busiestSecond(replicas.originates.map((originate) => originate.atMs))).toBe(5);
    expect(replicas.originates.map((originate) => originate.atMs).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, index) => index * 200));
    expect(perCallerId(replicas.originates)).toEqual([5, 5, 5, 5]);
    expect(replicas.errors).toEqual([]);
  }, 60_000);

  it("with limits in each replica's memory (what shared limits fix), the same calls go out 10 a second and the rotation is uneven", async () => {
    const replicas = await twoReplicas('memory', [fiveCps('carrier')]);
    await replicas.placeAtOnce(20);
    await replicas.run();

    expect(busiestSecond(replicas.originates.map((originate) => originate.atMs))).toBe(10);
    expect(perCallerId(replicas.originates)).toEqual([4, 4, 6, 6]);
  }, 60_000);

  it('with shared limits, the two together never hold more calls than the trunk has channels; freed channels take calls again', async () => {
    const trunk = aTrunk({ id: `narrow-${randomUUID()}`, channels: 4 });
    const replicas = await twoReplicas('postgres', [trunk], nobodyAnswers());
    const first = await replicas.placeAtOnce(10);
    expect(first.filter((result) => result.kind === 'placed')).toHaveLength(4);
    expect(first.filter((result) => result.kind === 'rejected')).toEqual(Array(6).fill(expect.objectContaining({ reason: 'NoFreeChannel' })));
    await replicas.run();

    const again = await replicas.placeAtOnce(6);
    expect(again.filter((result) => result.kind === 'placed')).toHaveLength(4);
    await replicas.run();
    expect(replicas.originates).toHaveLength(8);
    expect(replicas.errors).toEqual([]);
  }, 60_000);
});
