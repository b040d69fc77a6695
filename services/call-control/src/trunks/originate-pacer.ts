import { pacingIntervalMs, releaseSlot, reserveSlot, type PacingState } from './domain';

/**
 * Each trunk's originate slots in this process (see `originate-pacing.ts`). Times are the phone
 * network's milliseconds, so a simulated network running faster than life keeps its cap in its
 * own time. A cap enforced per process: replicas each keep it, so a trunk shared by N replicas
 * takes up to N times its cap (the dialer's own pace is the cap across replicas).
 */
export class OriginatePacer {
  private readonly states = new Map<string, PacingState>();

  /** When the next originate on the trunk may go (`nowMs` when uncapped or idle). */
  reserve(trunkId: string, callsPerSecond: number | null, nowMs: number): number {
    if (callsPerSecond === null) return nowMs;
    const slot = reserveSlot(this.states.get(trunkId), nowMs, pacingIntervalMs(callsPerSecond));
    this.states.set(trunkId, slot.state);
    return slot.startAtMs;
  }

  /** Gives a slot back when its call is not placed after all. */
  release(trunkId: string, callsPerSecond: number | null, startAtMs: number): void {
    const state = this.states.get(trunkId);
    if (callsPerSecond === null || state === undefined) return;
    this.states.set(trunkId, releaseSlot(state, startAtMs, pacingIntervalMs(callsPerSecond)));
  }
}
