import type { CallerId, Channel, ChannelState, DialplanCep } from '@zvonar/ari-model';
import type { Timer } from '../clock/scheduler';

export type Technology = 'Local' | 'PJSIP' | 'UnicastRTP' | 'Snoop';

/** What the far end sends on a channel: speech, frames of silence, or nothing at all (Wait()). */
export type AudioKind = 'speech' | 'frames' | 'none';
export type AudioListener = (kind: AudioKind) => void;

export interface ChannelInit {
  id: string;
  name: string;
  technology: Technology;
  state: ChannelState;
  dialplan: DialplanCep;
  creationtime: string;
  protocolId?: string;
  caller?: CallerId;
  connected?: CallerId;
}

/** One channel of the simulated Asterisk: its snapshot fields plus what the simulator tracks. */
export class SimChannel {
  readonly id: string;
  readonly name: string;
  readonly technology: Technology;
  state: ChannelState;
  dialplan: DialplanCep;
  caller: CallerId;
  connected: CallerId;
  readonly creationtime: string;
  readonly protocolId: string;
  readonly variables = new Map<string, string>();
  /** The application that receives this channel's events (undefined: nobody sees them). */
  subscribedApp: string | undefined;
  /** The application the channel is in Stasis with right now. */
  stasisApp: string | undefined;
  /** How many times it entered Stasis: each entry sets STASISSTATUS=SUCCESS again at hangup. */
  stasisEntries = 0;
  destroyed = false;
  bridgeId: string | undefined;
  /** Timers that must stop when the channel goes away (dialplan steps, detectors). */
  readonly timers = new Set<Timer>();
  private readonly audioListeners = new Set<AudioListener>();
  private readonly mediaListeners = new Set<() => void>();
  private readonly mediaStoppedListeners = new Set<() => void>();
  private audio: AudioKind = 'none';
  private sending = false;

  constructor(init: ChannelInit) {
    this.id = init.id;
    this.name = init.name;
    this.technology = init.technology;
    this.state = init.state;
    this.dialplan = init.dialplan;
    this.creationtime = init.creationtime;
    this.protocolId = init.protocolId ?? '';
    this.caller = init.caller ?? { name: '', number: '' };
    this.connected = init.connected ?? { name: '', number: '' };
  }

  snapshot(): Channel {
    return {
      id: this.id,
      name: this.name,
      state: this.state,
      protocol_id: this.protocolId,
      caller: { ...this.caller },
      connected: { ...this.connected },
      accountcode: '',
      dialplan: { ...this.dialplan },
      creationtime: this.creationtime,
      language: 'en',
    };
  }

  /** The audio the far end currently sends towards this channel. */
  get incomingAudio(): AudioKind {
    return this.audio;
  }

  receiveAudio(kind: AudioKind): void {
    if (kind === this.audio) return;
    this.audio = kind;
    for (const listener of [...this.audioListeners]) listener(kind);
  }

  onAudio(listener: AudioListener): () => void {
    this.audioListeners.add(listener);
    return () => this.audioListeners.delete(listener);
  }

  /** This channel starts sending media (a playback began on it). */
  mediaSent(): void {
    this.sending = true;
    for (const listener of [...this.mediaListeners]) listener();
  }

  /** Nothing plays on this channel any more (its playback queue ran dry). */
  mediaStopped(): void {
    if (!this.sending) return;
    this.sending = false;
    for (const listener of [...this.mediaStoppedListeners]) listener();
  }

  /** Whether a playback is sending media on this channel now (what the far end hears). */
  get sendingMedia(): boolean {
    return this.sending;
  }

  onMediaStopped(listener: () => void): () => void {
    this.mediaStoppedListeners.add(listener);
    return () => this.mediaStoppedListeners.delete(listener);
  }

  onMediaSent(listener: () => void): () => void {
    this.mediaListeners.add(listener);
    return () => this.mediaListeners.delete(listener);
  }

  track(timer: Timer): Timer {
    this.timers.add(timer);
    return timer;
  }

  stopTimers(): void {
    for (const timer of this.timers) timer.cancel();
    this.timers.clear();
    this.audioListeners.clear();
    this.mediaListeners.clear();
    this.mediaStoppedListeners.clear();
  }
}
