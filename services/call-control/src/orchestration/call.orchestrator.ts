import { handleCommand, type EventStore, type RecordedEvent } from '@zvonar/eventsourcing';
import type { Contact, RuntimeSettings } from '@zvonar/scenario-runtime';
import { callDecider, callStreamId, isLive, type AbandonCall, type Call, type CallEvent, type LiveCall, type PlaceCall, type PlaceCallRejectionReason, type ScenarioRef } from '../call/domain';
import type { Telephony } from '../telephony/telephony.port';
import type { Scheduler } from '../telephony/time/scheduler.port';
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
  readonly trunkId: string;
  readonly callerId: string;
  /** The campaign's answer wait, action wait, recording and machine detection for this call. */
  readonly settings?: CampaignCallSettings;
  /** The message that asked for the call (its id, its W3C trace context): the call's events join its trace. */
  readonly cause?: { readonly messageId?: string; readonly traceparent?: string };
};

export type PlaceCallResult =
  | { readonly kind: 'placed'; readonly callId: string }
  | { readonly kind: 'rejected'; readonly callId: string; readonly reason: PlaceCallRejectionReason }
  /** The attempt id was seen before: nothing new happened and nothing rang. */
  | { readonly kind: 'duplicate'; readonly callId: string };

export type CallOrchestratorDeps = {
  readonly store: EventStore;
  readonly telephony: Telephony;
  readonly scheduler: Scheduler;
  readonly scenarios: ScenarioCatalogue;
  /** Channels per trunk: the last safety net under the dialer's own concurrency cap. */
  readonly channelsPerTrunk: (trunkId: string) => number;
  /** This process, named in every call it places, so other processes leave its calls alone while it lives. */
  readonly hostId?: string;
  /** Simulated seconds per wall second of the calls' times (simulated telephony faster than the wall clock), recorded in each call. */
  readonly durationScale?: number;
  readonly onError?: (callId: string, error: unknown) => void;
  /** A call hosted here ended (or was detached): what a draining shutdown counts down. */
  readonly onCallFinished?: (callId: string) => void;
  readonly options?: Partial<CallProcessOptions>;
};

const defaults: CallProcessOptions = { ringTimeoutMs: 30_000, talkSilenceThresholdMs: 2_500, runtimeSettings: {} satisfies RuntimeSettings };

/**
 * Hosts a process per live call. `placeCall` records the request (the attempt id is the
 * idempotency key: a redelivered command finds its stream and rings nothing), then the process
 * originates and runs the call. `recoverCalls` after a restart ends every call its predecessor
 * left open, hanging up its channel, so no call stays without a terminal event.
 */
export class CallOrchestrator {
  private readonly processes = new Map<string, { process: CallProcess; trunkId: string }>();
  private readonly tracker = new WorkTracker();
  private drainWaiters: (() => void)[] = [];
  private readonly options: CallProcessOptions;

  constructor(private readonly deps: CallOrchestratorDeps) {
    this.options = { ...defaults, ...deps.options };
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
    const command: PlaceCall = {
      type: 'PlaceCall',
      data: {
        attemptId: request.attemptId,
        projectId: request.projectId,
        campaignId: request.campaignId,
        contact: { id: request.contact.id, phone: request.contact.phone },
        scenario: request.scenario,
        trunkId: request.trunkId,
        callerId: request.callerId,
        ...(this.deps.hostId === undefined ? {} : { hostId: this.deps.hostId }),
        ...(this.deps.durationScale === undefined ? {} : { durationScale: this.deps.durationScale }),
        checks: { scenarioVersionFound: scenario !== undefined, freeChannel: this.busyChannels(request.trunkId) < this.deps.channelsPerTrunk(request.trunkId) },
      },
      metadata: {
        now: this.deps.scheduler.now(),
        correlationId: callId,
        ...(request.cause?.messageId === undefined ? {} : { causationId: request.cause.messageId }),
        ...(request.cause?.traceparent === undefined ? {} : { traceparent: request.cause.traceparent }),
      },
    };
    const result = await handleCommand(this.deps.store, callStreamId(callId), callDecider, command, { retry: { onVersionConflict: 2 } });
    const requested = result.newEvents.find((event) => event.type === 'CallRequested');
    if (!requested || !scenario || this.processes.has(callId)) {
      const state = result.newState;
      return state.status === 'Rejected' && result.newEvents.length > 0 ? { kind: 'rejected', callId, reason: state.reason } : { kind: 'duplicate', callId };
    }
    const writer = await CallStreamWriter.load(this.deps.store, callStreamId(callId), callId);
    const settings = request.settings ?? {};
    const process = new CallProcess(writer, callId, requested.data.channelId, withCampaignCards(scenario, settings), request.contact, callProcessOptions(this.options, settings), {
      telephony: this.deps.telephony,
      scheduler: this.deps.scheduler,
      tracker: this.tracker,
      onError: (id, error) => this.deps.onError?.(id, error),
      onFinished: (id) => this.finished(id),
    });
    this.processes.set(callId, { process, trunkId: request.trunkId });
    await process.begin({ number: request.contact.phone, callerId: request.callerId, trunkId: request.trunkId, tags: { callId, projectId: request.projectId, campaignId: request.campaignId } });
    return { kind: 'placed', callId };
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
    this.deps.onCallFinished?.(callId);
    if (this.processes.size === 0) for (const wake of this.drainWaiters.splice(0)) wake();
  }

  /** Stops every process without ending its call: what a crash leaves behind, minus the memory. */
  detachAll(): void {
    for (const { process } of [...this.processes.values()]) process.detach();
  }

  private busyChannels(trunkId: string): number {
    let count = 0;
    for (const entry of this.processes.values()) if (entry.trunkId === trunkId) count += 1;
    return count;
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
