import { handle, seedFrom, start, type Contact, type RuntimeCommand, type RuntimeSettings, type RuntimeState, type ScenarioVersion, type Step } from '@zvonar/scenario-runtime';
import { isLive, Q850, type CallObservation } from '../call/domain';
import type { PromptMedia, Telephony, TelephonyEvent, Unsubscribe } from '../telephony/telephony.port';
import type { ScheduledTask, Scheduler } from '../telephony/time/scheduler.port';
import type { CallStreamWriter } from './call-stream.writer';
import { factsOf, observationOf, runtimeEventOf } from './runtime-translation';
import { SerialQueue, type WorkTracker } from './work-tracker';

export type CallProcessOptions = {
  readonly ringTimeoutMs: number;
  readonly talkSilenceThresholdMs: number;
  readonly runtimeSettings: RuntimeSettings;
};

/** What the originate of a call says: the callee, the chosen trunk and caller ID, the channel's tags. */
export type OriginateOrder = { readonly number: string; readonly callerId: string; readonly trunkId: string; readonly tags: Readonly<Record<string, string>> };

export type CallProcessDeps = {
  readonly telephony: Telephony;
  readonly scheduler: Scheduler;
  readonly tracker: WorkTracker;
  readonly onError: (callId: string, error: unknown) => void;
  readonly onFinished: (callId: string) => void;
};

/**
 * One live call: originates it, feeds telephony events to the Call decider and the scenario
 * runtime, carries out the runtime's commands and records every fact. Events are handled one at
 * a time in arrival order. A repeated telephony event records nothing and is not fed to the
 * runtime (a repeated key press would otherwise count twice). On hang-up it cancels its timer and
 * drops its listener, leaving nothing behind.
 */
export class CallProcess {
  /** Null until the originate goes out: the runtime's answer wait runs from the originate, not from the request. */
  private runtime: RuntimeState | null = null;
  private readonly queue: SerialQueue;
  private readonly media = new Map<string, PromptMedia>();
  private timer: ScheduledTask | null = null;
  /** The trunk's originate slot this call waits for (calls-per-second pacing). */
  private slot: ScheduledTask | null = null;
  private unsubscribe: Unsubscribe | null = null;
  private finished = false;
  private lastEvent = '';
  private failed = false;

  constructor(
    private readonly writer: CallStreamWriter,
    private readonly callId: string,
    private readonly channelId: string,
    private readonly scenario: ScenarioVersion,
    private readonly contact: Contact,
    private readonly options: CallProcessOptions,
    private readonly deps: CallProcessDeps,
  ) {
    this.queue = new SerialQueue(deps.tracker, (error) => {
      deps.onError(callId, error);
      void this.queue.push(() => this.failSafe());
    });
  }

  /**
   * Listens, then originates (the first events can beat the originate's answer): at once, or
   * after `delayMs` on the scheduler when the trunk's pace gave the call a later slot. The
   * returned promise settles with an immediate originate; a delayed one runs on its own.
   */
  begin(request: OriginateOrder, delayMs = 0): Promise<void> {
    this.unsubscribe = this.deps.telephony.subscribe(this.channelId, (event) => void this.queue.push(() => this.onTelephony(event)));
    if (delayMs <= 0) return this.queue.push(() => this.originate(request));
    this.slot = this.deps.scheduler.after(delayMs, () => {
      this.slot = null;
      void this.queue.push(() => this.originate(request));
    });
    return Promise.resolve();
  }

  private async originate(request: OriginateOrder): Promise<void> {
    if (this.finished) return;
    const step = start(this.scenario, this.contact, { seed: seedFrom(this.callId), ...this.options.runtimeSettings }, this.nowMs());
    this.runtime = step.state;
    this.schedule(step.commands);
    const result = await this.deps.telephony.originate({ channelId: this.channelId, ringTimeoutMs: this.options.ringTimeoutMs, ...request });
    const at = this.nowIso();
    if (result.kind === 'refused') {
      const { reason, cause, sipCode } = result;
      await this.writer.execute({ type: 'RecordOriginateFailure', data: { reason, cause, ...(sipCode === undefined ? {} : { sipCode }), at }, metadata: { now: this.deps.scheduler.now() } });
      this.finish();
      return;
    }
    await this.writer.execute({ type: 'RecordOriginated', data: { at }, metadata: { now: this.deps.scheduler.now() } });
  }

  /**
   * A step failed half-way (a telephony command or an append threw): the call's state is no
   * longer known, so the bot ends it on record rather than leave it open. The network's HungUp
   * then records CallEnded as usual.
   */
  private async failSafe(): Promise<void> {
    if (this.finished || this.failed) return;
    this.failed = true;
    this.timer?.cancel();
    this.timer = null;
    await this.writer.execute(this.observe([{ kind: 'BotHangup', reason: 'RuntimeFault', at: this.nowIso() }]));
    await this.deps.telephony.hangUp(this.channelId, Q850.NormalClearing);
  }

  /** Stops without ending the call (forced shutdown, or what a crash leaves): nothing recorded, nothing sent. */
  detach(): void {
    this.finish();
  }

  private async onTelephony(event: TelephonyEvent): Promise<void> {
    if (this.finished) return;
    // Events the call records nothing about (playback started, talking) are repeats when they
    // match the one just handled; the rest are checked against the stream below.
    const key = JSON.stringify(event);
    if (key === this.lastEvent) return;
    this.lastEvent = key;
    const observation = observationOf(event, (playbackId) => this.media.get(playbackId));
    // A fact already recorded (ARI repeats some events) or too late for the call changes nothing.
    if (observation && this.writer.preview(this.observe([observation])).length === 0) return;
    if (event.type === 'Answered') await this.deps.telephony.startTalkDetection(this.channelId, { silenceThresholdMs: this.options.talkSilenceThresholdMs });
    // After a fail-safe hang-up the runtime is out of the loop; facts are still recorded.
    const runtime = this.failed ? null : this.runtime;
    const runtimeEvent = runtime ? runtimeEventOf(event) : null;
    await this.apply(observation, runtime && runtimeEvent ? handle(runtime, runtimeEvent, event.at) : null, event.at);
    if (event.type === 'HungUp' || !isLive(this.writer.state)) this.finish();
  }

  private async onTimer(timerId: string): Promise<void> {
    if (this.finished || this.failed || !this.runtime) return;
    const now = this.nowMs();
    await this.apply(null, handle(this.runtime, { type: 'TimerFired', timerId }, now), now);
  }

  /** Records the observation and the runtime step's facts, then carries out the step's commands. */
  private async apply(observation: CallObservation | null, step: Step | null, atMs: number): Promise<void> {
    const facts = observation ? [observation] : [];
    if (step && this.runtime) {
      facts.push(...factsOf(this.runtime, step, atMs));
      this.runtime = step.state;
      for (const command of step.commands) if (command.type === 'Play') this.media.set(command.playbackId, command.media);
    }
    if (facts.length > 0) await this.writer.execute(this.observe(facts));
    if (!step) return;
    this.schedule(step.commands);
    for (const command of step.commands) await this.carryOut(command);
  }

  private async carryOut(command: RuntimeCommand): Promise<void> {
    const { telephony } = this.deps;
    const channel = this.channelId;
    switch (command.type) {
      case 'Play':
        return telephony.play(channel, command.playbackId, command.media);
      case 'StopPlayback':
        return telephony.stopPlayback(channel, command.playbackId);
      case 'StartRecognition': {
        const { type: _type, ...request } = command;
        return telephony.startRecognition(channel, request);
      }
      case 'StopRecognition':
        return telephony.stopRecognition(channel);
      case 'StartRecording':
        return telephony.startRecording(channel, `rec-${this.callId}`);
      case 'StartMachineDetection':
        return telephony.startMachineDetection(channel, { timeoutMs: command.timeoutMs });
      case 'Transfer':
        return telephony.transfer(channel, command.transferId, command.operator, command.ringTimeoutMs);
      case 'HangUp':
      case 'HandOver':
        return telephony.hangUp(channel, Q850.NormalClearing);
      default:
        return;
    }
  }

  /** The runtime waits on one timer at a time; a newer one makes the older stale, so it is cancelled. */
  private schedule(commands: readonly RuntimeCommand[]): void {
    for (const command of commands) {
      if (command.type !== 'SetTimer' || this.finished) continue;
      this.timer?.cancel();
      const { timerId } = command;
      this.timer = this.deps.scheduler.after(command.delayMs, () => void this.queue.push(() => this.onTimer(timerId)));
    }
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.timer?.cancel();
    this.timer = null;
    this.slot?.cancel();
    this.slot = null;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.media.clear();
    this.deps.onFinished(this.callId);
  }

  private observe(observations: readonly CallObservation[]) {
    return { type: 'ObserveCall' as const, data: { observations }, metadata: { now: this.deps.scheduler.now() } };
  }

  private nowMs(): number {
    return this.deps.scheduler.now().getTime();
  }

  private nowIso(): string {
    return this.deps.scheduler.now().toISOString();
  }
}
