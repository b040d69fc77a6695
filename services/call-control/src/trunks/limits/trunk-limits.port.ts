/**
 * The limits a trunk's carrier holds us to, kept where every call-control replica sees them:
 * originates per second, calls at once, and the caller-ID rotation. One port, two adapters:
 * `InMemoryTrunkLimits` (one process: the embedded mode, simulated telephony, unit-level specs)
 * and `PostgresTrunkLimits` (shared by the replicas of a distributed deployment). Both pass the
 * one contract suite in `test/trunk-limits.contract.ts`.
 */
export interface TrunkLimits {
  /**
   * Takes the trunk's next originate slot, unless it would come later than `maxWaitMs` from now
   * (a PlaceCall's lease): then nothing is taken and the answer says when it would have been.
   */
  reserveSlot(request: SlotRequest): Promise<SlotReservation>;
  /**
   * Gives back a slot whose call was not placed after all (a duplicate, a failed append). Only
   * the trunk's latest slot goes back; an earlier one stays a gap, which only ever slows the pace.
   */
  releaseSlot(slot: ReservedSlot): Promise<void>;
  /** Takes one of the trunk's `channels` for the call, unless all are held (atomic across replicas). */
  takeChannel(request: ChannelRequest): Promise<ChannelTake>;
  /** The call's channel goes back (idempotent: a call holding none is no error). */
  releaseChannel(callId: string): Promise<void>;
  /**
   * Keeps alive the channels of these calls, live in this process. A channel nobody renews (its
   * replica crashed or lost the database, or its release failed) is free again once its lease
   * runs out.
   */
  renewChannels(callIds: readonly string[]): Promise<void>;
  /** The next turn of a round-robin caller-ID pool: 0, 1, 2, … across every replica. */
  nextCallerIdTurn(poolId: string): Promise<number>;
}

export type SlotRequest = {
  readonly trunkId: string;
  /** The trunk's cap: slots are `pacingIntervalMs(callsPerSecond)` apart. */
  readonly callsPerSecond: number;
  /** The caller's network time (ms): what an adapter without a clock of its own counts in. */
  readonly nowMs: number;
  /** The latest wait the caller accepts (network ms); absent: any. */
  readonly maxWaitMs?: number | undefined;
};

/** A slot taken: originate `waitMs` (network ms) from the request's now. */
export type ReservedSlot = {
  readonly kind: 'reserved';
  readonly waitMs: number;
  readonly trunkId: string;
  /** The adapter's own handle on the slot, for `releaseSlot`. */
  readonly ticket: string;
};

export type SlotReservation = ReservedSlot | { readonly kind: 'late'; readonly waitMs: number };

export type ChannelRequest = { readonly trunkId: string; readonly callId: string; readonly channels: number };

/** `taken`: the call holds a channel now; `busy`: every channel is held; `held`: the call already held one (a duplicate in flight). */
export type ChannelTake = 'taken' | 'busy' | 'held';
