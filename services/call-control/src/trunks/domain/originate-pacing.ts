/**
 * The calls-per-second cap of a trunk as evenly spaced originate slots: a leaky bucket with no
 * burst (GCRA with a tolerance of zero). Each originate takes the first free slot, at least one
 * interval after the previous one, so N per second means one every ceil(1000 / N) ms: never N in
 * a burst and then a pause, and never more than N in any one-second window (the interval is
 * rounded up to a whole millisecond, so rounding never lets an extra call through).
 */
export type PacingState = { readonly nextFreeAtMs: number };

export const MAX_CALLS_PER_SECOND = 1_000;

export const pacingIntervalMs = (callsPerSecond: number): number => {
  if (!(callsPerSecond > 0) || callsPerSecond > MAX_CALLS_PER_SECOND) throw new RangeError(`callsPerSecond must be in (0, ${MAX_CALLS_PER_SECOND}], got ${callsPerSecond}`);
  return Math.ceil(1000 / callsPerSecond);
};

/** The slot of the next originate at `nowMs`: now if the line is idle, else the first free one. */
export const reserveSlot = (state: PacingState | undefined, nowMs: number, intervalMs: number): { readonly startAtMs: number; readonly state: PacingState } => {
  const startAtMs = Math.max(nowMs, state?.nextFreeAtMs ?? nowMs);
  return { startAtMs, state: { nextFreeAtMs: startAtMs + intervalMs } };
};

/**
 * The next slot, taken only if it starts at most `maxWaitMs` after `nowMs` (a PlaceCall's lease):
 * a slot nobody will use is never taken, so a call too late for its lease leaves no gap behind.
 */
export const reserveSlotWithin = (
  state: PacingState | undefined,
  nowMs: number,
  intervalMs: number,
  maxWaitMs: number = Number.POSITIVE_INFINITY,
): { readonly kind: 'reserved'; readonly startAtMs: number; readonly state: PacingState } | { readonly kind: 'late'; readonly startAtMs: number } => {
  const slot = reserveSlot(state, nowMs, intervalMs);
  return slot.startAtMs - nowMs <= maxWaitMs ? { kind: 'reserved', ...slot } : { kind: 'late', startAtMs: slot.startAtMs };
};

/**
 * Gives back a slot whose call was not placed after all (a duplicate, a refusal, past its lease).
 * Only the latest slot can be given back; an earlier one stays a gap, which only ever slows the
 * pace (a gap never lets a burst through).
 */
export const releaseSlot = (state: PacingState, startAtMs: number, intervalMs: number): PacingState =>
  state.nextFreeAtMs === startAtMs + intervalMs ? { nextFreeAtMs: startAtMs } : state;
