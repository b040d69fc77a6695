import { CAUSE_TEXT, type AriEventBody, type ChannelState } from '@zvonar/ari-model';
import type { Scheduler, Timer } from '../clock/scheduler';
import type { EventHub } from './event-hub';
import { SimChannel, type ChannelInit } from './sim-channel';
import { ariTimestamp } from './timestamp';

/** Runs on a channel that is being hung up while in Stasis, before its StasisEnd. */
export type TeardownHook = (channel: SimChannel) => void;

/**
 * The simulated Asterisk core: the channel registry, unique ids, and the channel-level
 * primitives (state, variables, Stasis entry/exit, destruction) every flow is built from.
 */
export class Asterisk {
  readonly channels = new Map<string, SimChannel>();
  private readonly teardownHooks: TeardownHook[] = [];
  private readonly destroyHooks: TeardownHook[] = [];
  private uniqueSeq = 0;
  private readonly techSeq = new Map<string, number>();

  constructor(
    readonly scheduler: Scheduler,
    readonly hub: EventHub,
  ) {}

  timestamp(): string {
    return ariTimestamp(this.scheduler.now());
  }

  /** `<unix-seconds>.<sequence>`, the form Asterisk gives channels the client did not name. */
  nextUniqueId(): string {
    return `${Math.floor(this.scheduler.now() / 1000)}.${this.uniqueSeq++}`;
  }

  /** The 8-hex-digit suffix of a channel name (`Local/x@sim-0000001c;1`, `PJSIP/loop-00000002`). */
  nextNameSuffix(technology: string): string {
    const n = this.techSeq.get(technology) ?? 0;
    this.techSeq.set(technology, n + 1);
    return n.toString(16).padStart(8, '0');
  }

  addChannel(init: ChannelInit): SimChannel {
    const channel = new SimChannel(init);
    this.channels.set(channel.id, channel);
    return channel;
  }

  after(channel: SimChannel, ms: number, run: () => void): Timer {
    const timer = channel.track(
      this.scheduler.after(ms, () => {
        channel.timers.delete(timer);
        if (!channel.destroyed) run();
      }),
    );
    return timer;
  }

  onTeardown(hook: TeardownHook): void {
    this.teardownHooks.push(hook);
  }

  onDestroy(hook: TeardownHook): void {
    this.destroyHooks.push(hook);
  }

  emit(channel: SimChannel, body: AriEventBody): void {
    this.hub.emit(channel.subscribedApp, body);
  }

  setState(channel: SimChannel, state: ChannelState): void {
    channel.state = state;
    this.emit(channel, { type: 'ChannelStateChange', channel: channel.snapshot() });
  }

  dialplanApp(channel: SimChannel, app: string, data: string): void {
    channel.dialplan = { ...channel.dialplan, app_name: app, app_data: data };
    this.emit(channel, { type: 'ChannelDialplan', dialplan_app: app, dialplan_app_data: data, channel: channel.snapshot() });
  }

  /** Sets a variable; dialplan functions such as `TALK_DETECT(set)` raise no ChannelVarset. */
  setVariable(channel: SimChannel, variable: string, value: string): void {
    if (variable.includes('(')) return;
    channel.variables.set(variable, value);
    this.emit(channel, { type: 'ChannelVarset', variable, value, channel: channel.snapshot() });
  }

  /** Snoop channels enter Stasis without the STASISSTATUS reset (`statusVariable: false`). */
  enterStasis(channel: SimChannel, app: string, args: string[], statusVariable = true): void {
    channel.dialplan = { ...channel.dialplan, app_name: 'Stasis', app_data: [app, ...args].join(',') };
    channel.subscribedApp = app;
    channel.stasisApp = app;
    channel.stasisEntries += 1;
    if (statusVariable) this.setVariable(channel, 'STASISSTATUS', '');
    this.emit(channel, { type: 'StasisStart', args, channel: channel.snapshot() });
  }

  leaveStasis(channel: SimChannel): void {
    if (channel.stasisApp === undefined) return;
    channel.stasisApp = undefined;
    this.emit(channel, { type: 'StasisEnd', channel: channel.snapshot() });
  }

  hangupRequest(channel: SimChannel, cause: number, extra: { soft?: true; techCause?: number } = {}): void {
    this.emit(channel, {
      type: 'ChannelHangupRequest',
      cause,
      ...(extra.techCause === undefined ? {} : { tech_cause: extra.techCause }),
      ...(extra.soft ? { soft: true } : {}),
      channel: channel.snapshot(),
    });
  }

  /**
   * The end of a channel the application holds: bridge, playback and recording clean-up, then
   * StasisEnd and one STASISSTATUS=SUCCESS per Stasis entry (as the AMD hop shows), then destroyed.
   */
  finishStasisChannel(channel: SimChannel, cause: number, techCause?: number): void {
    if (channel.destroyed) return;
    this.finishStasisChannelWithoutDestroy(channel);
    this.destroy(channel, cause, techCause);
  }

  /** The part of `finishStasisChannel` before ChannelDestroyed (a Local peer's events go in between). */
  finishStasisChannelWithoutDestroy(channel: SimChannel): void {
    for (const hook of this.teardownHooks) hook(channel);
    const wasInStasis = channel.stasisApp !== undefined;
    this.leaveStasis(channel);
    if (wasInStasis) for (let i = 0; i < channel.stasisEntries; i += 1) this.setVariable(channel, 'STASISSTATUS', 'SUCCESS');
  }

  destroy(channel: SimChannel, cause: number, techCause?: number): void {
    if (channel.destroyed) return;
    channel.destroyed = true;
    channel.stopTimers();
    this.channels.delete(channel.id);
    for (const hook of this.destroyHooks) hook(channel);
    this.emit(channel, {
      type: 'ChannelDestroyed',
      cause,
      cause_txt: CAUSE_TEXT[cause] ?? 'Unknown',
      ...(techCause === undefined ? {} : { tech_cause: techCause }),
      channel: channel.snapshot(),
    });
  }
}
