import { pacingIntervalMs, releaseSlot, reserveSlotWithin, type PacingState } from '../domain';
import type { ChannelRequest, ChannelTake, ReservedSlot, SlotRequest, SlotReservation, TrunkLimits } from './trunk-limits.port';

/**
 * The trunk limits of one process, in its memory: the embedded mode (one process hosts every
 * service), simulated telephony and specs of the call flow. Slots count in the caller's network
 * time (`nowMs`), so a simulated network running faster than life keeps its cap in its own
 * seconds. Replicas each keep their own: never the adapter of a deployment with several.
 * Every method is synchronous inside, so calls placed at once in this process take channels,
 * slots and turns one at a time.
 */
export class InMemoryTrunkLimits implements TrunkLimits {
  private readonly pacing = new Map<string, PacingState>();
  /** The trunk of each call holding a channel. */
  private readonly channels = new Map<string, string>();
  private readonly turns = new Map<string, number>();

  async reserveSlot(request: SlotRequest): Promise<SlotReservation> {
    const intervalMs = pacingIntervalMs(request.callsPerSecond);
    const slot = reserveSlotWithin(this.pacing.get(request.trunkId), request.nowMs, intervalMs, request.maxWaitMs);
    const waitMs = slot.startAtMs - request.nowMs;
    if (slot.kind === 'late') return { kind: 'late', waitMs };
    this.pacing.set(request.trunkId, slot.state);
    return { kind: 'reserved', waitMs, trunkId: request.trunkId, ticket: JSON.stringify({ startAtMs: slot.startAtMs, intervalMs }) };
  }

  async releaseSlot(slot: ReservedSlot): Promise<void> {
    const state = this.pacing.get(slot.trunkId);
    if (state === undefined) return;
    const { startAtMs, intervalMs } = JSON.parse(slot.ticket) as { startAtMs: number; intervalMs: number };
    this.pacing.set(slot.trunkId, releaseSlot(state, startAtMs, intervalMs));
  }

  async takeChannel({ trunkId, callId, channels }: ChannelRequest): Promise<ChannelTake> {
    if (this.channels.has(callId)) return 'held';
    let busy = 0;
    for (const held of this.channels.values()) if (held === trunkId) busy += 1;
    if (busy >= channels) return 'busy';
    this.channels.set(callId, trunkId);
    return 'taken';
  }

  async releaseChannel(callId: string): Promise<void> {
    this.channels.delete(callId);
  }

  /** Nothing to renew: the channels of a process that is gone are gone with its memory. */
  async renewChannels(_callIds: readonly string[]): Promise<void> {}

  async nextCallerIdTurn(poolId: string): Promise<number> {
    const turn = this.turns.get(poolId) ?? 0;
    this.turns.set(poolId, turn + 1);
    return turn;
  }
}
