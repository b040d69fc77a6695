// The contract every TrunkLimits adapter keeps, run against each of them by
// trunk-limits.contract.int.spec.ts. Time is a controllable clock read by the adapter under test
// (the memory adapter through each request's `nowMs`, the PostgreSQL adapter through its clock
// option), so the specs move time by hand and never wait on the wall.
import { randomUUID } from 'node:crypto';
import type { ReservedSlot, SlotReservation, TrunkLimits } from '../src/trunks/limits/trunk-limits.port';

export type ManualClock = { nowMs: number };

export type TrunkLimitsHarness = {
  /** A fresh adapter reading `clock`. */
  readonly create: (clock: ManualClock) => TrunkLimits;
};

const reserved = (reservation: SlotReservation): ReservedSlot => {
  if (reservation.kind !== 'reserved') throw new Error(`expected a slot, got ${JSON.stringify(reservation)}`);
  return reservation;
};

export function trunkLimitsContract(name: string, harness: () => TrunkLimitsHarness): void {
  describe(`TrunkLimits contract: ${name}`, () => {
    let clock: ManualClock;
    let limits: TrunkLimits;
    /** Every spec works on trunks and pools of its own, so adapters sharing a database need no cleanup. */
    let trunk: string;

    beforeEach(() => {
      clock = { nowMs: 1_700_000_000_000 };
      limits = harness().create(clock);
      trunk = `trunk-${randomUUID()}`;
    });

    /** Reserves a slot at the clock's now; the wait it got (or the late wait). */
    const reserve = async (callsPerSecond: number, maxWaitMs?: number, trunkId = trunk) => limits.reserveSlot({ trunkId, callsPerSecond, nowMs: clock.nowMs, maxWaitMs });
    const waits = async (count: number, callsPerSecond: number) => {
      const result: number[] = [];
      for (let call = 0; call < count; call += 1) result.push(reserved(await reserve(callsPerSecond)).waitMs);
      return result;
    };

    describe('originate slots', () => {
      it('given a burst of calls on an idle trunk, gives the first slot at once and spaces the others one interval apart', async () => {
        expect(await waits(4, 5)).toEqual([0, 200, 400, 600]);
      });

      it('given time passing, counts the waits from the new now, and an idle line starts at once again (no saved-up burst)', async () => {
        await waits(3, 5);
        clock.nowMs += 300;
        expect(await waits(2, 5)).toEqual([300, 500]);
        clock.nowMs += 10_000;
        expect(await waits(3, 5)).toEqual([0, 200, 400]);
      });

      it('rounds the interval up to a whole millisecond, and supports caps under one call per second', async () => {
        expect(await waits(3, 3)).toEqual([0, 334, 668]);
        expect(await waits(2, 0.5)).toEqual([1_002, 3_002]);
      });

      it('paces each trunk on its own', async () => {
        const other = `trunk-${randomUUID()}`;
        await waits(3, 1);
        expect(reserved(await reserve(1, undefined, other)).waitMs).toBe(0);
      });

      it('given a slot later than the wait allowed, takes nothing and says when it would have been; the next call gets that slot', async () => {
        await waits(2, 1);
        expect(await reserve(1, 1_999)).toEqual({ kind: 'late', waitMs: 2_000 });
        expect(reserved(await reserve(1, 2_000)).waitMs).toBe(2_000);
        expect(reserved(await reserve(1)).waitMs).toBe(3_000);
      });

      it('given the latest slot given back, hands it to the next call', async () => {
        await waits(1, 5);
        const latest = reserved(await reserve(5));
        await limits.releaseSlot(latest);
        expect(reserved(await reserve(5)).waitMs).toBe(200);
      });

      it('given an earlier slot given back, keeps the later ones (a gap only slows the pace)', async () => {
        await waits(1, 5);
        const earlier = reserved(await reserve(5));
        await waits(1, 5);
        await limits.releaseSlot(earlier);
        expect(reserved(await reserve(5)).waitMs).toBe(600);
      });

      it('given many calls reserving at once, gives each its own slot, one interval apart', async () => {
        const all = await Promise.all(Array.from({ length: 20 }, () => reserve(10)));
        expect(all.map((slot) => reserved(slot).waitMs).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, index) => index * 100));
      });
    });

    describe('channels', () => {
      /** Call ids of this spec's own (adapters sharing a database see every spec's calls). */
      const call = (id: string) => `${trunk}/${id}`;
      const take = (callId: string, channels = 2, trunkId = trunk) => limits.takeChannel({ trunkId, callId: call(callId), channels });

      it("given calls up to the trunk's channels, takes one each, then says busy", async () => {
        expect([await take('call-1'), await take('call-2'), await take('call-3')]).toEqual(['taken', 'taken', 'busy']);
      });

      it('given a channel released, takes it for the next call; releasing twice or a call holding none is no error', async () => {
        await take('call-1');
        await take('call-2');
        await limits.releaseChannel(call('call-1'));
        await limits.releaseChannel(call('call-1'));
        await limits.releaseChannel(call('never-held'));
        expect([await take('call-3'), await take('call-4')]).toEqual(['taken', 'busy']);
      });

      it('given a call that already holds a channel, says held and takes no second one, even on a full trunk', async () => {
        await take('call-1');
        expect(await take('call-1')).toBe('held');
        expect(await take('call-2')).toBe('taken');
        expect(await take('call-1')).toBe('held');
      });

      it('counts each trunk on its own, and a cap raised later lets more calls in', async () => {
        const other = `trunk-${randomUUID()}`;
        await take('call-1', 1);
        expect(await take('call-2', 1, other)).toBe('taken');
        expect(await take('call-3', 1)).toBe('busy');
        expect(await take('call-3', 2)).toBe('taken');
      });

      it('given many calls at once for the last channels, takes exactly as many as there are', async () => {
        const takes = await Promise.all(Array.from({ length: 30 }, (_, index) => take(`burst-${index}`, 7)));
        expect(takes.filter((result) => result === 'taken')).toHaveLength(7);
        expect(takes.filter((result) => result === 'busy')).toHaveLength(23);
      });

      it('keeps renewed channels held while time passes', async () => {
        await take('call-1', 1);
        for (let beat = 0; beat < 5; beat += 1) {
          clock.nowMs += 20_000;
          await limits.renewChannels([call('call-1')]);
        }
        expect(await take('call-2', 1)).toBe('busy');
      });
    });

    describe('caller-ID turns', () => {
      it('counts the turns of each pool from 0 on its own', async () => {
        const pool = `pool-${randomUUID()}`;
        const other = `pool-${randomUUID()}`;
        expect([await limits.nextCallerIdTurn(pool), await limits.nextCallerIdTurn(pool), await limits.nextCallerIdTurn(other), await limits.nextCallerIdTurn(pool)]).toEqual([0, 1, 0, 2]);
      });

      it('given many turns taken at once, hands each out once', async () => {
        const pool = `pool-${randomUUID()}`;
        const turns = await Promise.all(Array.from({ length: 25 }, () => limits.nextCallerIdTurn(pool)));
        expect([...turns].sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, index) => index));
      });
    });
  });
}
