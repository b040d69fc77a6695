import { RECORDED_ASTERISK_ID } from '@zvonar/ari-model';
import { randomUUID } from 'node:crypto';
import { Asterisk } from './asterisk/asterisk';
import { BridgeRegistry } from './asterisk/bridges';
import { EventHub } from './asterisk/event-hub';
import type { SimChannel } from './asterisk/sim-channel';
import { ariTimestamp } from './asterisk/timestamp';
import type { Scheduler } from './clock/scheduler';
import { isPhoneNumber, MIXED_DIALPLANS, pickMixedBehaviour, type CalleeMix, type MixedBehaviour } from './dialplan/callee-mix';
import { SIM_CALLEES, type DialplanStep } from './dialplan/callees';
import type { DialTarget } from './dialplan/legs';
import type { OutboundCall } from './dialplan/outbound-call';
import { defaultMediaResolver, PlaybackEngine } from './media/playbacks';
import { RecordingEngine } from './media/recordings';

/** The callee a dialled extension of the `sim` context reaches. */
export interface SimCallee {
  readonly steps: readonly DialplanStep[];
  /** Set when the mix chose the behaviour (the number is no extension of the dialplan). */
  readonly behaviour?: MixedBehaviour;
}

/** One call the simulator actually placed (an originate or a dial that rang somebody, or nobody). */
export interface PlacedCall {
  /** The application's channel id. */
  readonly channelId: string;
  readonly exten: string;
  readonly dialstring: string;
  /** The mixed callee's behaviour, when a mix answered for the number. */
  readonly behaviour?: MixedBehaviour;
  /** The channel variables the application set on its channel (e.g. call-control's `ZVONAR_CALLID`). */
  readonly variables: Readonly<Record<string, string>>;
  /** Simulated epoch ms. */
  readonly at: number;
}

/** Everything the HTTP handlers work on: one simulated Asterisk with its subsystems. */
export class SimCore {
  readonly hub: EventHub;
  readonly ast: Asterisk;
  readonly playbacks: PlaybackEngine;
  readonly recordings: RecordingEngine;
  readonly bridges: BridgeRegistry;
  /** Outgoing calls by the id of the application's channel. */
  readonly calls = new Map<string, OutboundCall>();
  /** Channels created with /channels/create, waiting for /dial: their callee leg and dialplan. */
  readonly undialled = new Map<string, { callee: SimChannel; target: DialTarget }>();
  /** Snoop channels by the id of the channel they spy on. */
  readonly snoops = new Map<string, SimChannel[]>();
  readonly startupTime: string;
  /**
   * Work in progress, for drivers that control time (replays with a ManualScheduler): requests
   * received and not yet answered, those parked behind a playback, and events handed to sockets.
   */
  readonly activity = { received: 0, inflight: 0, parked: 0, delivered: 0 };
  /** Every call placed since the start, in order: how often each number or channel really rang. */
  readonly placedCalls: PlacedCall[] = [];

  constructor(
    readonly scheduler: Scheduler,
    readonly callees: Readonly<Record<string, readonly DialplanStep[]>> = SIM_CALLEES,
    readonly asteriskId = RECORDED_ASTERISK_ID,
    readonly calleeMix?: CalleeMix,
  ) {
    this.hub = new EventHub(() => ariTimestamp(scheduler.now()), asteriskId);
    this.ast = new Asterisk(scheduler, this.hub);
    // Teardown order matters: a channel leaves its bridge before its playback fails (transfer.json).
    this.bridges = new BridgeRegistry(this.ast);
    this.recordings = new RecordingEngine(this.ast);
    this.playbacks = new PlaybackEngine(this.ast, defaultMediaResolver((name) => this.recordings.storedDurationMs(name)));
    this.startupTime = this.ast.timestamp();
    this.ast.onDestroy((channel) => {
      this.calls.delete(channel.id);
      this.undialled.delete(channel.id);
      this.endSnoops(channel);
    });
  }

  /** A known extension's dialplan; else, with a mix, the mixed callee of a phone number; else none. */
  calleeAt(exten: string): SimCallee | undefined {
    const steps = this.callees[exten];
    if (steps) return { steps };
    if (!this.calleeMix || !isPhoneNumber(exten)) return undefined;
    const behaviour = pickMixedBehaviour(this.calleeMix, exten);
    return { steps: MIXED_DIALPLANS[behaviour], behaviour };
  }

  recordPlacedCall(call: Omit<PlacedCall, 'at'>): void {
    this.placedCalls.push({ ...call, at: this.scheduler.now() });
  }

  newResourceId(): string {
    return randomUUID();
  }

  channelIdInUse(id: string): boolean {
    return this.ast.channels.has(id);
  }

  /** A snooped channel going away ends its snoops' Stasis; Asterisk delivered no ChannelDestroyed for them. */
  private endSnoops(channel: SimChannel): void {
    const snoops = this.snoops.get(channel.id) ?? [];
    this.snoops.delete(channel.id);
    for (const snoop of snoops) {
      this.ast.leaveStasis(snoop);
      snoop.destroyed = true;
      snoop.stopTimers();
      this.ast.channels.delete(snoop.id);
    }
  }
}
