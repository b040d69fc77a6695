import { pacingIntervalMs, releaseSlot, reserveSlot, reserveSlotWithin, type PacingState } from './originate-pacing';

/** Reserves `count` slots all asked for at `nowMs`; returns their start times. */
const burstAt = (count: number, nowMs: number, intervalMs: number, start?: PacingState) => {
  let state = start;
  const starts: number[] = [];
  for (let call = 0; call < count; call += 1) {
    const slot = reserveSlot(state, nowMs, intervalMs);
    starts.push(slot.startAtMs);
    state = slot.state;
  }
  return { starts, state: state ?? { nextFreeAtMs: nowMs } };
};

describe('originate pacing (calls per second as evenly spaced slots)', () => {
  it('spaces a burst of calls one interval apart, the first at once', () => {
    expect(burstAt(4, 10_000, pacingIntervalMs(5)).starts).toEqual([10_000, 10_200, 10_400, 10_600]);
  });

  it('rounds the interval up, so no one-second window ever holds more than N originates', () => {
    const interval = pacingIntervalMs(3);
    expect(interval).toBe(334);
    const { starts } = burstAt(30, 0, interval);
    for (const first of starts) expect(starts.filter((at) => at >= first && at < first + 1000).length).toBeLessThanOrEqual(3);
  });

  it('given a line idle for longer than the interval, starts the next call at once (no saved-up burst)', () => {
    const { state } = burstAt(3, 0, 100);
    const later = burstAt(3, 5_000, 100, state);
    expect(later.starts).toEqual([5_000, 5_100, 5_200]);
  });

  it('supports caps under one call per second', () => {
    expect(burstAt(3, 0, pacingIntervalMs(0.5)).starts).toEqual([0, 2_000, 4_000]);
  });

  it('refuses a cap that is not a positive number up to 1000', () => {
    expect(() => pacingIntervalMs(0)).toThrow(RangeError);
    expect(() => pacingIntervalMs(1_001)).toThrow(RangeError);
  });

  it('given the latest slot released, hands it to the next call', () => {
    const { starts, state } = burstAt(2, 0, 100);
    const released = releaseSlot(state, starts[1] ?? Number.NaN, 100);
    expect(reserveSlot(released, 0, 100).startAtMs).toBe(100);
  });

  it('given an earlier slot released, keeps the later ones (a gap only slows the pace)', () => {
    const { starts, state } = burstAt(3, 0, 100);
    expect(releaseSlot(state, starts[1] ?? Number.NaN, 100)).toEqual(state);
  });

  it('given a wait allowed, takes the slot only if it starts within it, and a slot not taken leaves the state as it was', () => {
    const { state } = burstAt(2, 0, 100);
    expect(reserveSlotWithin(state, 0, 100, 199)).toEqual({ kind: 'late', startAtMs: 200 });
    expect(reserveSlotWithin(state, 0, 100, 200)).toEqual({ kind: 'reserved', startAtMs: 200, state: { nextFreeAtMs: 300 } });
    expect(reserveSlotWithin(state, 0, 100)).toMatchObject({ kind: 'reserved', startAtMs: 200 });
  });
});
