import { ValidationError } from '@zvonar/eventsourcing';

export type PaceSettings = {
  /** Upper bound per second (the trunk's cap applies on top). */
  readonly callsPerSecond: number;
  /** Upper bound per hour; the smaller of the two rates wins. */
  readonly callsPerHour: number;
  /** Dispatches a late scheduler step may catch up at once; never granted after idleness. */
  readonly burst: number;
};

/**
 * A smooth pacer on the generic cell rate algorithm: one dispatch every `intervalMs`, on a
 * theoretical schedule (`dueMs`). A step that runs late catches up at most `toleranceMs`
 * (= burst intervals) of that schedule; after idleness (window closed, nothing due, concurrency
 * full) the schedule restarts at the next dispatch, so a window opening never releases a burst.
 * Any one-second span then holds at most ceil(rate) + burst dispatches.
 */
export type Pacer = {
  readonly intervalMs: number;
  readonly toleranceMs: number;
  readonly dueMs: number;
  readonly idle: boolean;
};

export const effectiveRatePerSecond = (pace: PaceSettings): number => Math.min(pace.callsPerSecond, pace.callsPerHour / 3600);

export const createPacer = (pace: PaceSettings): Pacer => {
  const rate = effectiveRatePerSecond(pace);
  if (!(rate > 0) || !Number.isFinite(rate)) {
    throw new ValidationError('The pace must allow calls', [{ field: 'pace', code: 'OUT_OF_RANGE', message: 'calls per second and per hour must be positive' }]);
  }
  const intervalMs = 1000 / rate;
  return { intervalMs, toleranceMs: Math.max(0, Math.floor(pace.burst)) * intervalMs, dueMs: 0, idle: true };
};

export const pacerAllows = (pacer: Pacer, nowMs: number): boolean => pacer.idle || pacer.dueMs <= nowMs;

export const pacerConsume = (pacer: Pacer, nowMs: number): Pacer => {
  const base = pacer.idle ? nowMs : Math.max(pacer.dueMs, nowMs - pacer.toleranceMs);
  return { ...pacer, dueMs: base + pacer.intervalMs, idle: false };
};

/** Called when capacity went unused: the next dispatch starts a fresh schedule instead of a burst. */
export const pacerIdle = (pacer: Pacer): Pacer => (pacer.idle ? pacer : { ...pacer, idle: true });

export const pacerNextAllowedMs = (pacer: Pacer, nowMs: number): number => (pacerAllows(pacer, nowMs) ? nowMs : pacer.dueMs);
