import { handleCommand, type EventStore, type RecordedEvent } from '@zvonar/eventsourcing';
import type { Contact, RuntimeSettings } from '@zvonar/scenario-runtime';
import { callDecider, callStreamId, isLive, type AbandonCall, type Call, type CallEvent, type LiveCall, type PlaceCall, type PlaceCallRejectionReason, type ScenarioRef } from '../call/domain';
import type { Telephony } from '../telephony/telephony.port';
import type { Scheduler } from '../telephony/time/scheduler.port';
import { InMemoryTrunkLimits } from '../trunks/limits/in-memory.trunk-limits';
import type { ChannelTake, ReservedSlot, TrunkLimits } from '../trunks/limits/trunk-limits.port';
import type { Routing, TrunkRouter } from '../trunks/trunk-router';
import { CallProcess, type CallProcessOptions } from './call-process';
import { CallStreamWriter } from './call-stream.writer';
import { callProcessOptions, withCampaignCards, type CampaignCallSettings } from './campaign-call-settings';
import type { ScenarioCatalogue } from './scenario-catalogue.port';
import { WorkTracker } from './work-tracker';

export type PlaceCallRequest = {
  readonly attemptId: string;
  readonly projectId: string;
  readonly campaignId: string;
  /** `fields` personalise the prompts; they live only in memory, never in the call's events. */
  readonly contact: Contact;
  readonly scenario: ScenarioRef;
  /** The trunk and caller ID the PlaceCall named; absent: the trunk catalogue's dial plan and pools choose. */
  readonly trunkId?: string | undefined;
  readonly callerId?: string | undefined;
  /**
   * The latest originate the PlaceCall's lease allows, on the scheduler's clock: a call whose
   * trunk slot comes later is not rung (the dialer re-sends the attempt with a fresh lease).
   */
  readonly originateBy?: Date | undefined;
  /** The campaign's answer wait, action wait, recording and machine detection for this call. */
  readonly settings?: CampaignCallSettings;
  /** The message that asked for the call (its id, its W3C trace context): the call's events join its trace. */
  readonly cause?: { readonly messageId?: string; readonly traceparent?: string };
};

export type PlaceCallResult =
  | { readonly kind: 'placed'; readonly callId: string }
  | { readonly kind: 'rejected'; readonly callId: string; readonly reason: PlaceCallRejectionReason }
  /** The attempt id was seen before: nothing new happened and nothing rang. */
  | { readonly kind: 'duplicate'; readonly callId: string }
  /** The trunk's pace would originate it after its lease: nothing recorded, nothing rang (the dialer re-sends it). */
  | { readonly kind: 'expired'; readonly callId: string; readonly originateAt: Date };

export type CallOrchestratorDeps = {
  readonly store: EventStore;
  readonly telephony: Telephony;
  readonly scheduler: Scheduler;
  readonly scenarios: ScenarioCatalogue;
  /** Channels per trunk: the last safety net under the dialer's own concurrency cap. */
  readonly channelsPerTrunk: (trunkId: string) => number;
  /**
   * The trunk catalogue: dial plan, caller-ID pools and calls-per-second caps. Absent (tests of
   * the call flow itself): the request's trunk and caller ID are used as given, unpaced.
   */
  readonly trunks?: TrunkRouter;
  /**
   * Where the trunks' channels and originate slots are counted: shared by the replicas
   * (PostgreSQL) or this process's own (in memory, the default).
   */
  readonly limits?: TrunkLimits;
  /** This process, named in every call it places, so other processes leave its calls alone while it lives. */
  readonly hostId?: string;
  /** Simulated seconds per wall second of the calls' times (simulated telephony faster than the wall clock), recorded in each call. */
  readonly durationScale?: number;
  readonly onError?: (callId: string, error: unknown) => void;
  /** A call hosted here ended (or was detached): what a draining shutdown counts down. */
  readonly onCallFinished?: (callId: string) => void;
  readonly options?: Partial<CallProcessOptions>;
};

/**
 * When a call may originate on its trunk: `delayMs` on the scheduler from now (network ms),
 * `originateAt` on its clock; `reserved` is the trunk's slot (none on a trunk without a cap).
 */
type OriginateSlot = { readonly reserved: ReservedSlot | null; readonly delayMs: number; readonly originateAt: Date };

/**
 * What admission found: a call is admitted when it holds a channel and a slot. `expiredAt`: its
 * slot would come after its lease. `inFlight`: the attempt already holds a channel (another
 * delivery of it is being placed, here or on another replica, and records it).
 */
type Admission = { readonly routing: Routing; readonly trunkId: string; readonly freeChannel: boolean; readonly slot: OriginateSlot | null; readonly expiredAt?: Date; readonly inFlight?: true };

const defaults: CallProcessOptions = { ringTimeoutMs: 30_000, talkSilenceThresholdMs: 2_500, runtimeSettings: {} satisfies RuntimeSettings };

/**
 * Hosts a process per live call. `placeCall` records the request (the attempt id is the
 * idempotency key: a redelivered command finds its stream and rings nothing), then the process
 * originates and runs the call. `recoverCalls` after a restart ends every call its predecessor
 * left open, hanging up its channel, so no call stays without a terminal event.
 */
export class CallOrchestrator {
  private readonly processes = new Map<string, CallProcess>();
  /** The trunk each call holds a channel on, from the moment it is admitted (before its append) until it finishes. */
  private readonly channels = new Map<string, string>();
  private readonly limits: TrunkLimits;
  private readonly tracker = new WorkTracker();
  private drainWaiters: (() => void)[] = [];
  private readonly options: CallProcessOptions;

  constructor(private readonly deps: CallOrchestratorDeps) {
    this.options = { ...defaults, ...deps.options };
    this.limits = deps.limits ?? new InMemoryTrunkLimits();
  }

  get activeCalls(): number {
    return this.processes.size;
  }

  /** Resolves once every event and timer task started so far has been handled. */
  whenIdle(): Promise<void> {
    return this.tracker.whenIdle();
  }

  async placeCall(request: PlaceCallRequest): Promise<PlaceCallResult> {
    const callId = request.attemptId;
    const scenario = await this.deps.scenarios.find(request.scenario);
    const now = this.deps.scheduler.now();
    const { routing, trunkId, freeChannel, slot, expiredAt, inFlight } = await this.admit(request, scenario !== undefined, now);
    if (expiredAt) return { kind: 'expired', callId, originateAt: expiredAt };
    // Recording it here could win the append over the delivery that holds the channel, and leave a call requested that no process runs.
    if (inFlight) return { kind: 'duplicate', callId };
    const admitted = slot !== null;
    const command: PlaceCall = {
      type: 'PlaceCall',
      data: {
        attemptId: request.attemptId,
        projectId: request.projectId,
        campaignId: request.campaignId,
        contact: { id: request.contact.id, phone: request.contact.phone },
        scenario: request.scenario,
        trunkId,
        callerId: routing.kind === 'routed' ? routing.callerId : (request.callerId ?? ''),
        ...(this.deps.hostId === undefined ? {} : { hostId: this.deps.hostId }),
        ...(this.deps.durationScale === undefined ? {} : { durationScale: this.deps.durationScale }),
        checks: { scenarioVersionFound: scenario !== undefined, freeChannel, ...(routing.kind === 'refused' ? { routing: { reason: routing.reason, detail: routing.detail } } : {}) },
      },
      metadata: {
        now,
        correlationId: callId,
        ...(request.cause?.messageId === undefined ? {} : { causationId: request.cause.messageId }),
        ...(request.cause?.traceparent === undefined ? {} : { traceparent: request.cause.traceparent }),
      },
    };
    const result = await handleCommand(this.deps.store, callStreamId(callId), callDecider, command, { retry: { onVersionConflict: 2 } }).catch(async (error: unknown) => {
      if (admitted) await this.giveBack(callId, slot);
      throw error;
    });
    const requested = result.newEvents.find((event) => event.type === 'CallRequested');
    if (!requested || !scenario || !admitted) {
      if (admitted) await this.giveBack(callId, slot);
      const state = result.newState;
      return state.status === 'Rejected' && result.newEvents.length > 0 ? { kind: 'rejected', callId, reason: state.reason } : { kind: 'duplicate', callId };
    }
    const writer = await CallStreamWriter.load(this.deps.store, callStreamId(callId), callId).catch(async (error: unknown) => {
      await this.giveBack(callId, slot);
      throw error;
    });
    const settings = request.settings ?? {};
    const process = new CallProcess(writer, callId, requested.data.channelId, withCampaignCards(scenario, settings), request.contact, callProcessOptions(this.options, settings), {
      telephony: this.deps.telephony,
      scheduler: this.deps.scheduler,
      tracker: this.tracker,
      onError: (id, error) => this.deps.onError?.(id, error),
      onFinished: (id) => this.finished(id),
    });
    this.processes.set(callId, process);
    const { trunkId: chosenTrunk, callerId } = requested.data;
    await process.begin({ number: request.contact.phone, callerId, trunkId: chosenTrunk, tags: { callId, projectId: request.projectId, campaignId: request.campaignId } }, slot.delayMs);
    return { kind: 'placed', callId };
  }

  /**
   * Routes the call and, when it can be placed, takes a channel on its trunk and the trunk's next
   * originate slot from the trunk limits (atomic there: calls placed at once, here or on another
   * replica, take channels, caller-ID turns and slots one at a time). A slot later than the
   * PlaceCall's lease is not taken, and the channel goes back. The caller gives channel and slot
   * back if the call is not placed after all.
   */
  private async admit(request: PlaceCallRequest, scenarioFound: boolean, now: Date): Promise<Admission> {
    const routing = await this.route(request);
    const trunkId = routing.kind === 'routed' ? routing.trunkId : (request.trunkId ?? '');
    // A refused route or an unknown scenario is rejected for that (the decider checks them before the channel).
    if (routing.kind !== 'routed' || !scenarioFound) return { routing, trunkId, freeChannel: true, slot: null };
    const take = await this.takeChannel(request.attemptId, trunkId);
    if (take === 'held') return { routing, trunkId, freeChannel: true, slot: null, inFlight: true };
    if (take === 'busy') return { routing, trunkId, freeChannel: false, slot: null };
    const slot = await this.takeSlot(routing, now, request.originateBy).catch(async (error: unknown) => {
      await this.giveBack(request.attemptId, null);
      throw error;
    });
    if ('expiredAt' in slot) {
      await this.giveBack(request.attemptId, null);
      return { routing, trunkId, freeChannel: true, slot: null, expiredAt: slot.expiredAt };
    }
    return { routing, trunkId, freeChannel: true, slot };
  }

  /** The call's channel on its trunk; the map marks it at once, so a duplicate placed meanwhile here finds it held. */
  private async takeChannel(callId: string, trunkId: string): Promise<ChannelTake> {
    if (this.channels.has(callId)) return 'held';
    this.channels.set(callId, trunkId);
    const take = await this.limits.takeChannel({ trunkId, callId, channels: this.deps.channelsPerTrunk(trunkId) }).catch((error: unknown) => {
      this.channels.delete(callId);
      throw error;
    });
    if (take !== 'taken') this.channels.delete(callId);
    return take;
  }

  /** The catalogue's choice, or (without one) the trunk and caller ID as asked. */
  private async route(request: PlaceCallRequest): Promise<Routing> {
    const { trunks } = this.deps;
    if (trunks) return trunks.route({ number: request.contact.phone, trunkId: request.trunkId, callerId: request.callerId });
    if (request.trunkId && request.callerId) return { kind: 'routed', trunkId: request.trunkId, callerId: request.callerId, callsPerSecond: null };
    return { kind: 'refused', reason: 'TrunkUnavailable', detail: 'no trunk catalogue to choose a trunk and caller ID from' };
  }

  /**
   * The call's originate slot on its trunk, unless it comes after `originateBy`. Slots count in
   * the network's time: a simulated network faster than the wall clock (`durationScale`) keeps
   * its cap in its own seconds, and the scheduler's timers already run in those.
   */
  private async takeSlot(routing: Extract<Routing, { kind: 'routed' }>, now: Date, originateBy: Date | undefined): Promise<OriginateSlot | { readonly expiredAt: Date }> {
    const scale = this.deps.durationScale ?? 1;
    const leftMs = originateBy === undefined ? undefined : originateBy.getTime() - now.getTime();
    if (routing.callsPerSecond === null) return leftMs !== undefined && leftMs < 0 ? { expiredAt: now } : { reserved: null, delayMs: 0, originateAt: now };
    const reservation = await this.limits.reserveSlot({
      trunkId: routing.trunkId,
      callsPerSecond: routing.callsPerSecond,
      nowMs: now.getTime() * scale,
      maxWaitMs: leftMs === undefined ? undefined : leftMs * scale,
    });
    const originateAt = new Date(now.getTime() + reservation.waitMs / scale);
    return reservation.kind === 'late' ? { expiredAt: originateAt } : { reserved: reservation, delayMs: reservation.waitMs, originateAt };
  }

  /**
   * A call admitted but not placed after all: its channel and its trunk slot go back. A give-back
   * that fails is reported, not thrown: the channel's lease runs out by itself (it is no longer
   * renewed), and a slot not given back only slows the pace.
   */
  private async giveBack(callId: string, slot: OriginateSlot | null): Promise<void> {
    this.channels.delete(callId);
    try {
      await this.limits.releaseChannel(callId);
      if (slot?.reserved) await this.limits.releaseSlot(slot.reserved);
    } catch (error) {
      this.deps.onError?.(callId, error);
    }
  }

  /** Renews the channels of the calls live here (the heartbeat): a crashed replica's channels free themselves once unrenewed. */
  renewChannels(): Promise<void> {
    return this.limits.renewChannels([...this.channels.keys()]);
  }

  /**
   * Ends the calls of the `call` category that are still open, that no process here runs and
   * that `isOrphan` gives up (by default all: a single process). Hangs up the channel, then
   * records CallEnded (Interrupted, cause 41). Returns their ids.
   */
  async recoverCalls(isOrphan: (call: LiveCall) => boolean = () => true): Promise<string[]> {
    const open = await this.openCalls();
    const recovered: string[] = [];
    for (const [streamId, call] of open) {
      if (!isLive(call) || !isOrphan(call) || this.processes.has(call.request.callId)) continue;
      if (await this.abandon(streamId, call)) recovered.push(call.request.callId);
    }
    return recovered;
  }

  /** Ends one call another process left open (a sweep found it); false when it is not open any more or runs here. */
  async abandonCall(callId: string): Promise<boolean> {
    if (this.processes.has(callId)) return false;
    const streamId = callStreamId(callId);
    const { events } = await this.deps.store.readStream<CallEvent>(streamId);
    const call = events.reduce(callDecider.evolve, callDecider.initialState());
    return isLive(call) ? this.abandon(streamId, call) : false;
  }

  private async abandon(streamId: string, call: LiveCall): Promise<boolean> {
    await this.deps.telephony.hangUp(call.request.channelId, 16);
    const command: AbandonCall = { type: 'AbandonCall', data: { at: this.deps.scheduler.now().toISOString() }, metadata: { now: this.deps.scheduler.now(), correlationId: call.request.callId } };
    const result = await handleCommand(this.deps.store, streamId, callDecider, command, { retry: { onVersionConflict: 2 } });
    return result.newEvents.length > 0;
  }

  /** Resolves once no call is live here (a draining shutdown waits on it; new calls are the caller's to refuse). */
  drained(): Promise<void> {
    return this.processes.size === 0 ? Promise.resolve() : new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  private finished(callId: string): void {
    this.processes.delete(callId);
    this.channels.delete(callId);
    // Tracked, so whoever waits for this host to settle (specs, a drain) sees the channel free again.
    void this.tracker.track(this.limits.releaseChannel(callId).catch((error: unknown) => this.deps.onError?.(callId, error)));
    this.deps.onCallFinished?.(callId);
    if (this.processes.size === 0) for (const wake of this.drainWaiters.splice(0)) wake();
  }

  /** Stops every process without ending its call: what a crash leaves behind, minus the memory. */
  detachAll(): void {
    for (const process of [...this.processes.values()]) process.detach();
  }

  private async openCalls(): Promise<Map<string, Call>> {
    const calls = new Map<string, Call>();
    let after: RecordedEvent['checkpoint'] | undefined;
    for (;;) {
      const page = await this.deps.store.readAll({ categories: ['call'], maxCount: 1_000, ...(after === undefined ? {} : { after }) });
      for (const event of page.events) calls.set(event.streamId, callDecider.evolve(calls.get(event.streamId) ?? callDecider.initialState(), event as RecordedEvent<CallEvent>));
      if (page.events.length === 0 || page.checkpoint === undefined) return calls;
      after = page.checkpoint;
    }
  }
}
