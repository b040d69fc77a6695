import type { EventStore } from '@zvonar/eventsourcing';
import type { InFlightWork } from '@zvonar/platform';
import type { Logger } from 'pino';
import { CallOrchestrator, type PlaceCallRequest, type PlaceCallResult } from '../orchestration/call.orchestrator';
import type { ScenarioCatalogue } from '../orchestration/scenario-catalogue.port';
import type { TelephonyRuntime } from './telephony.factory';

export type CallRuntimeDeps = {
  readonly store: EventStore;
  readonly telephony: TelephonyRuntime;
  readonly scenarios: ScenarioCatalogue & { close?(): void };
  readonly channelsPerTrunk: number;
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
      channelsPerTrunk: () => deps.channelsPerTrunk,
      onError: (callId, error) => deps.logger.error({ err: error, callId }, 'call step failed'),
      onCallFinished: (callId) => this.release(callId),
    });
  }

  /** Starts the telephony and recovers the calls a crashed or killed predecessor left open. */
  static async start(deps: CallRuntimeDeps): Promise<CallRuntime> {
    const runtime = new CallRuntime(deps);
    deps.telephony.start();
    const recovered = await runtime.orchestrator.recoverCalls();
    if (recovered.length > 0) deps.logger.warn({ calls: recovered.length }, 'ended calls left open by a previous process (Interrupted)');
    return runtime;
  }

  /** Calls live in this process: the `zvonar_calls_active` gauge. */
  get activeCalls(): number {
    return this.orchestrator.activeCalls;
  }

  get telephonyConnected(): boolean {
    return this.deps.telephony.connected();
  }

  /** Refused with ServiceDrainingError once the service drains (the bus then redelivers elsewhere). */
  async placeCall(request: PlaceCallRequest): Promise<PlaceCallResult> {
    const callId = request.attemptId;
    const fresh = !this.units.has(callId);
    if (fresh) this.units.set(callId, this.deps.inFlight.begin());
    try {
      const result = await this.orchestrator.placeCall(request);
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
    this.orchestrator.detachAll();
    for (const callId of [...this.units.keys()]) this.release(callId);
    this.deps.scenarios.close?.();
    await this.deps.telephony.stop();
  }

  /** Resolves once every telephony event and timer task started so far was handled (tests). */
  whenIdle(): Promise<void> {
    return this.orchestrator.whenIdle();
  }

  private release(callId: string): void {
    const end = this.units.get(callId);
    this.units.delete(callId);
    end?.();
  }
}
