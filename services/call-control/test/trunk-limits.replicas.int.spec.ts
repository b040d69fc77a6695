// Two call-control replicas over one PostgreSQL: each has its own connection pool and its own
// PostgresTrunkLimits (its own holder id), as two pods of one Deployment have. Time is a manual
// clock both read (or, where said, the database's own clock), so nothing waits on the wall.
import { createPool, runMigrations } from '@zvonar/platform';
import { createTestDatabase, describeWithPostgres } from '@zvonar/testing';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Pool } from 'pg';
import { callControlMigrations } from '../src/calls/read-model/calls.migrations';
import { PostgresTrunkLimits } from '../src/trunks/limits/postgres.trunk-limits';
import type { SlotReservation } from '../src/trunks/limits/trunk-limits.port';

/** The most originates any one-second window [t, t + 1000) holds. */
const busiestSecond = (instantsMs: readonly number[]): number => {
  const sorted = [...instantsMs].sort((a, b) => a - b);
  let busiest = 0;
  for (const [index, first] of sorted.entries()) busiest = Math.max(busiest, sorted.filter((at, later) => later >= index && at < first + 1_000).length);
  return busiest;
};

/** A small deterministic random source (the spec's demand pattern, the same on every run). */
const seeded = (seed: number) => () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};

const LEASE_MS = 30_000;

describeWithPostgres('trunk limits shared by two replicas', (serverUrl) => {
  let database: { url: string; drop(): Promise<void> };
  const pools: Pool[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(serverUrl, 'trunk_limits_replicas');
    const migrator = createPool(database.url, { schema: 'call_control', max: 1 });
    await runMigrations(migrator, 'call_control', callControlMigrations);
    await migrator.end();
  }, 30_000);

  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.end()));
    await database?.drop();
  });

  const clock = { nowMs: 1_700_000_000_000 };
  /** A replica: its own pool and holder id; on the manual clock unless `databaseClock`. */
  const aReplica = (name: string, { databaseClock = false, durationScale = 1 } = {}) => {
    const pool = createPool(database.url, { schema: 'call_control', max: 6, applicationName: `replica-${name}` });
    pools.push(pool);
    return new PostgresTrunkLimits({ pool, holderId: `${name}-${randomUUID()}`, channelLeaseMs: LEASE_MS, durationScale, ...(databaseClock ? {} : { clock: () => clock.nowMs }) });
  };
  const aTrunkId = () => `trunk-${randomUUID()}`;

  it('at a 5 CPS cap, two replicas placing calls at random moments for 20 s never originate more than 5 in any one-second window, and together keep the full pace', async () => {
    const [a, b] = [aReplica('a'), aReplica('b')];
    const trunkId = aTrunkId();
    const random = seeded(7);
    const start = clock.nowMs;
    const originates: number[] = [];
    let late = 0;
    // Each step both replicas receive 0-2 PlaceCalls at once (about 7 a second in all: more than
    // the trunk takes); a call whose slot is more than 2 s away is past its lease and not taken.
    for (let step = 0; clock.nowMs - start < 20_000; step += 1) {
      const batch: Promise<SlotReservation>[] = [];
      for (const replica of [a, b]) for (let call = Math.floor(random() * 3); call > 0; call -= 1) batch.push(replica.reserveSlot({ trunkId, callsPerSecond: 5, nowMs: clock.nowMs, maxWaitMs: 2_000 }));
      for (const reservation of await Promise.all(batch)) {
        if (reservation.kind === 'reserved') originates.push(clock.nowMs + reservation.waitMs - start);
        else late += 1;
      }
      clock.nowMs += 10 + Math.floor(random() * 90);
    }

    expect(late).toBeGreaterThan(0);
    expect(busiestSecond(originates)).toBe(5);
    const sorted = [...originates].sort((x, y) => x - y);
    expect(sorted.slice(1).map((at, index) => at - (sorted[index] ?? 0)).every((gap) => gap >= 200)).toBe(true);
    // Demand never let the line idle, so the slots are back to back: 5 a second, every second.
    expect(sorted.slice(0, 100)).toEqual(Array.from({ length: 100 }, (_, index) => index * 200));
  }, 60_000);

  /**
   * Reserves `calls` slots in turn on the replicas, on the database's clock, at a pace slow enough
   * that the line stays busy between them (one network interval is a wall second). Slot k starts k
   * intervals after the first; the database read its now for call k somewhere between that call's
   * send and its reply, so each wait is bounded by those instants (times the time scale).
   */
  const expectWaitsBoundedByTheDatabaseClock = async (replicas: readonly PostgresTrunkLimits[], calls: number, scale: number, ownNow: (call: number) => number) => {
    const intervalMs = 1_000 * scale;
    const trunkId = aTrunkId();
    const sent: number[] = [];
    const received: number[] = [];
    const waits: number[] = [];
    for (let call = 0; call < calls; call += 1) {
      const replica = replicas[call % replicas.length];
      if (replica === undefined) throw new Error('no replica');
      sent.push(performance.now());
      const reservation = await replica.reserveSlot({ trunkId, callsPerSecond: 1_000 / intervalMs, nowMs: ownNow(call) });
      received.push(performance.now());
      if (reservation.kind !== 'reserved') throw new Error('expected a slot');
      waits.push(reservation.waitMs);
    }
    for (const [k, wait] of waits.entries()) {
      const elapsedAtMost = ((received[k] ?? 0) - (sent[0] ?? 0)) * scale;
      const elapsedAtLeast = ((sent[k] ?? 0) - (received[0] ?? 0)) * scale;
      expect(wait).toBeGreaterThanOrEqual(Math.floor(k * intervalMs - elapsedAtMost) - 1);
      expect(wait).toBeLessThanOrEqual(Math.ceil(k * intervalMs - elapsedAtLeast) + 1);
    }
  };

  it("on the database's clock, replicas get waits counted from the database's now, whatever their own clocks say", async () => {
    // A pod whose clock is an hour off passes its own now; the database's clock decides.
    const skewed = [Date.now(), Date.now() + 3_600_000];
    await expectWaitsBoundedByTheDatabaseClock([aReplica('a', { databaseClock: true }), aReplica('b', { databaseClock: true })], 6, 1, (call) => skewed[call % 2] ?? 0);
  }, 30_000);

  it("under a simulation time scale, counts the database's clock in the network's seconds", async () => {
    const scale = 20;
    await expectWaitsBoundedByTheDatabaseClock([aReplica('a', { databaseClock: true, durationScale: scale }), aReplica('b', { databaseClock: true, durationScale: scale })], 3, scale, () => 0);
  }, 30_000);

  it('never lets the two together hold more channels than the trunk has, however many calls race for the last ones', async () => {
    const [a, b] = [aReplica('a'), aReplica('b')];
    const trunkId = aTrunkId();
    const race = (round: string) =>
      Promise.all(
        Array.from({ length: 40 }, (_, index) => {
          const replica = index % 2 === 0 ? a : b;
          return replica.takeChannel({ trunkId, callId: `${trunkId}/${round}-${index}`, channels: 10 }).then((take) => ({ replica, callId: `${trunkId}/${round}-${index}`, take }));
        }),
      );
    const first = await race('first');
    const taken = first.filter((result) => result.take === 'taken');
    expect(taken).toHaveLength(10);
    expect(first.filter((result) => result.take === 'busy')).toHaveLength(30);

    // Three go back (on whichever replica holds them); a second race takes exactly those three.
    for (const { replica, callId } of taken.slice(0, 3)) await replica.releaseChannel(callId);
    const second = await race('second');
    expect(second.filter((result) => result.take === 'taken')).toHaveLength(3);
    const held = await pools[0]?.query<{ held: string }>('SELECT count(*) AS held FROM trunk_channels WHERE trunk_id = $1 AND call_id IS NOT NULL', [trunkId]);
    expect(Number(held?.rows[0]?.held)).toBe(10);
  }, 30_000);

  it("frees the channels of a replica that vanished once their lease runs out, while the other's renewed channels stay held", async () => {
    const [vanishing, surviving] = [aReplica('vanishing'), aReplica('surviving')];
    const trunkId = aTrunkId();
    const take = (replica: PostgresTrunkLimits, callId: string) => replica.takeChannel({ trunkId, callId: `${trunkId}/${callId}`, channels: 5 });
    for (const callId of ['v-1', 'v-2', 'v-3', 'v-4']) expect(await take(vanishing, callId)).toBe('taken');
    expect(await take(surviving, 's-1')).toBe('taken');
    expect(await take(surviving, 's-2')).toBe('busy');

    // The vanishing replica beats no more; the surviving one renews its call with every heartbeat.
    const takenAt = clock.nowMs;
    for (const beat of [10_000, 20_000, LEASE_MS - 1]) {
      clock.nowMs = takenAt + beat;
      await surviving.renewChannels([`${trunkId}/s-1`]);
      expect(await take(surviving, `s-before-${beat}`)).toBe('busy');
    }
    clock.nowMs = takenAt + LEASE_MS;
    await surviving.renewChannels([`${trunkId}/s-1`]);
    const after = [await take(surviving, 's-2'), await take(surviving, 's-3'), await take(surviving, 's-4'), await take(surviving, 's-5'), await take(surviving, 's-6')];
    expect(after).toEqual(['taken', 'taken', 'taken', 'taken', 'busy']);

    // Back from a pause, the vanished replica's renewal takes nothing back.
    await vanishing.renewChannels(['v-1', 'v-2', 'v-3', 'v-4'].map((callId) => `${trunkId}/${callId}`));
    expect(await take(vanishing, 'v-5')).toBe('busy');
  }, 30_000);

  it('rotates a caller-ID pool once across both replicas: every turn handed out once', async () => {
    const [a, b] = [aReplica('a'), aReplica('b')];
    const pool = `pool-${randomUUID()}`;
    const turns = await Promise.all(Array.from({ length: 60 }, (_, index) => (index % 2 === 0 ? a : b).nextCallerIdTurn(pool)));
    expect([...turns].sort((x, y) => x - y)).toEqual(Array.from({ length: 60 }, (_, index) => index));
  }, 30_000);
});
