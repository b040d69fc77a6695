import type { EventStore } from '@zvonar/eventsourcing';
import type { InFlightWork } from '@zvonar/platform';
import type { Logger } from 'pino';
import { CallOrchestrator, type PlaceCallRequest, type PlaceCallResult } from '../orchestration/call.orchestrator';
import type { TrunkLimits } from '../trunks/limits/trunk-limits.port';
import type { TrunkRouter } from '../trunks/trunk-router';
import type { ScenarioCatalogue } from '../orchestration/scenario-catalogue.port';
import type { PostgresHostRegistry } from '../hosting/postgres.host-registry';
import type { TelephonyRuntime } from './telephony.factory';

/** What the PlaceCall consumer asks for: the orchestrator's request with the dialer's lease on the wall clock. */
export type PlacingRequest = Omit<PlaceCallRequest, 'originateBy'> & { readonly leaseExpiresAt?: Date };

export type CallRuntimeDeps = {
  /** This process's id, in every call it places. */
  readonly hostId: string;
  readonly hosts: PostgresHostRegistry;
  /** How often this process beats, and looks for calls of processes that stopped beating. */
  readonly heartbeatIntervalMs: number;
  readonly sweepIntervalMs: number;
  readonly store: EventStore;
  readonly telephony: TelephonyRuntime;
  readonly scenarios: ScenarioCatalogue & { close?(): void };
  /** The trunk catalogue: dial plan, caller-ID pools, channel limits and calls-per-second caps. */
  readonly trunks: TrunkRouter;
  /** Where channels and originate slots are counted (the router takes its caller-ID turns from the same); absent: in memory. */
  readonly limits?: TrunkLimits;
  readonly inFlight: InFlightWork;
  readonly logger: Logger;
};

/**
 * The live calls of this process: the orchestrator over the chosen telephony, each live call
 * counted as in-flight work, so the platform's drain waits (bounded) for conversations to end
 * before the process closes. Created by `CallRuntime.start`, which first ends on record every
 * call a previous process left open.
 */
export class CallRuntime {
  private readonly orchestrator: CallOrchestrator;
  /** The in-flight unit of each live call hosted here. */
  private readonly units = new Map<string, () => void>();

  private constructor(private readonly deps: CallRuntimeDeps) {
    this.orchestrator = new CallOrchestrator({
      store: deps.store,
      telephony: deps.telephony.telephony,
      scheduler: deps.telephony.scheduler,
      scenarios: deps.scenarios,
      channelsPerTrunk: (trunkId) => deps.trunks.channelsOf(trunkId),
      trunks: deps.trunks,
      ...(deps.limits === undefined ? {} : { limits: deps.limits }),
      hostId: deps.hostId,
      durationScale: deps.telephony.durationScale,
      onError: (callId, error) => deps.logger.error({ err: error, callId }, 'call step failed'),
      onCallFinished: (callId) => this.release(callId),
    });
  }

  /**
   * Joins the hosts, starts the telephony and ends the calls that processes which are gone left
   * open (a crashed predecessor, a killed replica); calls of live replicas are theirs to finish.
   */
  static async start(deps: CallRuntimeDeps): Promise<CallRuntime> {
    const runtime = new CallRuntime(deps);
    await deps.hosts.beat();
    deps.telephony.start();
    const alive = await deps.hosts.aliveHosts();
    const recovered = await runtime.orchestrator.recoverCalls((call) => call.request.hostId === undefined || !alive.has(call.request.hostId));
    if (recovered.length > 0) deps.logger.warn({ calls: recovered.length }, 'ended calls left open by processes that are gone (Interrupted)');
    runtime.timers.push(setInterval(() => void runtime.beat(), deps.heartbeatIntervalMs), setInterval(() => void runtime.sweep(), deps.sweepIntervalMs));
    for (const timer of runtime.timers) timer.unref();
    return runtime;
  }

  private readonly timers: NodeJS.Timeout[] = [];
  private sweeping = false;
  private crashed = false;

  /** The host's heartbeat, and the leases of the trunk channels its live calls hold (they run out together). */
  private async beat(): Promise<void> {
    await this.deps.hosts.beat().catch((error: unknown) => this.deps.logger.warn({ err: error }, 'host heartbeat failed'));
    await this.orchestrator.renewChannels().catch((error: unknown) => this.deps.logger.warn({ err: error }, 'renewing the trunk channels failed'));
  }

  /** Ends, one by one, the open calls of processes that stopped beating without ending them. */
  async sweep(): Promise<string[]> {
    if (this.sweeping) return [];
    this.sweeping = true;
    const ended: string[] = [];
    try {
      for (const callId of await this.deps.hosts.orphanedCalls(100)) if (await this.orchestrator.abandonCall(callId)) ended.push(callId);
      if (ended.length > 0) this.deps.logger.warn({ calls: ended.length }, 'ended calls of processes that are gone (Interrupted)');
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'orphaned calls sweep failed');
    } finally {
      this.sweeping = false;
    }
    return ended;
  }

  /** Calls live in this process: the `zvonar_calls_active` gauge. */
  get activeCalls(): number {
    return this.orchestrator.activeCalls;
  }

  get telephonyConnected(): boolean {
    return this.deps.telephony.connected();
  }

  /** Refused with ServiceDrainingError once the service drains (the bus then redelivers elsewhere). */
  async placeCall(request: PlacingRequest): Promise<PlaceCallResult> {
    const { leaseExpiresAt, ...rest } = request;
    const callId = request.attemptId;
    const fresh = !this.units.has(callId);
    if (fresh) this.units.set(callId, this.deps.inFlight.begin());
    try {
      const result = await this.orchestrator.placeCall({ ...rest, ...(leaseExpiresAt === undefined ? {} : { originateBy: this.onSchedulerClock(leaseExpiresAt) }) });
      if (fresh && result.kind !== 'placed') this.release(callId);
      return result;
    } catch (error) {
      if (fresh) this.release(callId);
      throw error;
    }
  }

  /**
   * What a crash leaves, minus the memory: live calls stop here without an end on record (the
   * next process's recovery ends them Interrupted). Runs after the drain's bounded wait.
   */
  async stop(): Promise<void> {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    this.orchestrator.detachAll();
    for (const callId of [...this.units.keys()]) this.release(callId);
    this.deps.scenarios.close?.();
    await this.deps.telephony.stop();
    if (this.crashed) return;
    // Gone on purpose: another replica's sweep ends what is left open here without waiting for the heartbeat to age.
    await this.deps.hosts.leave().catch((error: unknown) => this.deps.logger.warn({ err: error }, 'leaving the hosts failed'));
  }

  /** What a crash leaves: the calls stop here, the heartbeat stops, nothing is ended or announced, not even by a later stop() (tests). */
  crash(): void {
    this.crashed = true;
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    this.orchestrator.detachAll();
    for (const callId of [...this.units.keys()]) this.release(callId);
  }

  /** Resolves once every telephony event and timer task started so far was handled (tests). */
  whenIdle(): Promise<void> {
    return this.orchestrator.whenIdle();
  }

  /**
   * A wall-clock instant (the dialer's lease) on the scheduler's clock: now there plus what is left
   * of it on the wall. Exact when the scheduler tells the wall time; when it runs ahead of the
   * wall faster than life (SIMULATION_CLOCK=scaled), a slot's delay in simulated time is longer
   * than its wall delay, so the check only errs towards not ringing.
   */
  private onSchedulerClock(instant: Date): Date {
    return new Date(this.deps.telephony.scheduler.now().getTime() + (instant.getTime() - Date.now()));
  }

  private release(callId: string): void {
    const end = this.units.get(callId);
    this.units.delete(callId);
    end?.();
  }
}
