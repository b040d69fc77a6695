import type { AriEvent } from '../../ari';
import type { TelephonyEvent } from '../telephony.port';
import { hangupCauseOf } from './ari-hangup-cause';

/** A telephony fact about one channel. */
export type ChannelFact = { readonly channelId: string; readonly event: TelephonyEvent };

/** An event we could not use: logged with its channel and skipped. */
export type UnexpectedEvent = { readonly channelId: string | undefined; readonly reason: string };

export type MappedEvent = { readonly facts: readonly ChannelFact[]; readonly unexpected?: UnexpectedEvent };

type ChannelTrack = {
  ringing: boolean;
  answered: boolean;
  dialStatus?: string;
  hangupRequest?: { cause: number; techCause?: number | undefined };
  readonly startedPlaybacks: Set<string>;
};

const AMD_RESULTS: Readonly<Record<string, 'human' | 'machine' | 'unknown'>> = { HUMAN: 'human', MACHINE: 'machine', NOTSURE: 'unknown' };
const DTMF_DIGIT = /^[0-9A-D*#]$/;
const NOTHING: MappedEvent = { facts: [] };

const channelOfTarget = (targetUri: string): string | undefined => (targetUri.startsWith('channel:') ? targetUri.slice('channel:'.length) : undefined);

/**
 * ARI events → the Telephony port's facts, for the channels `isWatched` names (ours; the Local
 * `;2` halves and other apps' channels are not). Keeps what a fact needs from earlier events:
 * ringing and answer once, the last dial status and hard hang-up cause for the ending, which
 * playbacks already started. A second StasisStart (back from the AMD hop) is the verdict, not a
 * second answer.
 */
export class AriEventMapper {
  private readonly tracks = new Map<string, ChannelTrack>();

  constructor(
    private readonly isWatched: (channelId: string) => boolean,
    private readonly now: () => number,
    private readonly amdReturnArg = 'amd-done',
  ) {}

  /** A channel found alive on Asterisk after a reconnect: an Up one was answered before. */
  adopt(channelId: string, answered: boolean): void {
    const track = this.track(channelId);
    track.answered ||= answered;
    track.ringing ||= answered;
  }

  /** The channel ended while nobody listened (found missing on resync): its HungUp, from what we knew. */
  lost(channelId: string): ChannelFact {
    const track = this.tracks.get(channelId);
    this.tracks.delete(channelId);
    const cause = track?.hangupRequest?.cause ?? (track?.answered ? 16 : 0);
    return { channelId, event: { type: 'HungUp', ...hangupCauseOf({ destroyed: { cause }, dialStatus: track?.dialStatus }), at: this.now() } };
  }

  map(event: AriEvent): MappedEvent {
    switch (event.type) {
      case 'Dial':
        return this.onDial(event.peer.id, event.dialstatus);
      case 'ChannelStateChange':
        return event.channel.state === 'Ringing' ? this.ringing(event.channel.id) : NOTHING;
      case 'StasisStart':
        return this.onStasisStart(event.channel.id, event.args);
      case 'ChannelDtmfReceived':
        if (!this.isWatched(event.channel.id)) return NOTHING;
        if (!DTMF_DIGIT.test(event.digit)) return this.unexpected(event.channel.id, `DTMF digit ${JSON.stringify(event.digit)}`);
        return this.fact(event.channel.id, { type: 'DtmfReceived', digit: event.digit, at: this.now() });
      case 'ChannelTalkingStarted':
        return this.fact(event.channel.id, { type: 'TalkingStarted', at: this.now() });
      case 'ChannelTalkingFinished':
        return this.fact(event.channel.id, { type: 'TalkingFinished', durationMs: event.duration, at: this.now() });
      case 'PlaybackStarted':
      case 'PlaybackFinished':
        return this.onPlayback(event.type, event.playback.id, event.playback.target_uri, event.playback.state);
      case 'RecordingFinished':
        return this.onRecordingFinished(event.recording.name, event.recording.target_uri, event.recording.state, event.recording.duration);
      case 'ChannelHangupRequest':
        if (event.soft !== true && this.isWatched(event.channel.id)) this.track(event.channel.id).hangupRequest = { cause: event.cause, techCause: event.tech_cause };
        return NOTHING;
      case 'ChannelDestroyed':
        return this.onDestroyed(event.channel.id, event.cause, event.tech_cause);
      default:
        return NOTHING;
    }
  }

  private onDial(channelId: string, dialStatus: string): MappedEvent {
    if (!this.isWatched(channelId)) return NOTHING;
    if (dialStatus !== '') this.track(channelId).dialStatus = dialStatus;
    return dialStatus === 'RINGING' ? this.ringing(channelId) : NOTHING;
  }

  private ringing(channelId: string): MappedEvent {
    if (!this.isWatched(channelId)) return NOTHING;
    const track = this.track(channelId);
    if (track.ringing) return NOTHING;
    track.ringing = true;
    return this.fact(channelId, { type: 'Ringing', at: this.now() });
  }

  private onStasisStart(channelId: string, args: readonly string[]): MappedEvent {
    if (!this.isWatched(channelId)) return NOTHING;
    const track = this.track(channelId);
    if (args[0] === this.amdReturnArg) {
      const status = args[1] ?? '';
      const result = AMD_RESULTS[status];
      const fact: ChannelFact = { channelId, event: { type: 'MachineDetectionCompleted', result: result ?? 'unknown', at: this.now() } };
      return result ? { facts: [fact] } : { facts: [fact], unexpected: { channelId, reason: `AMD status ${JSON.stringify(status)} read as unknown` } };
    }
    if (track.answered) return NOTHING;
    track.answered = true;
    track.ringing = true;
    return this.fact(channelId, { type: 'Answered', at: this.now() });
  }

  private onPlayback(type: 'PlaybackStarted' | 'PlaybackFinished', playbackId: string, targetUri: string, state: string): MappedEvent {
    const channelId = channelOfTarget(targetUri);
    if (channelId === undefined) return this.unexpected(undefined, `${type} ${playbackId} on ${targetUri}, not a channel`);
    if (!this.isWatched(channelId)) return NOTHING;
    const started = this.track(channelId).startedPlaybacks;
    if (type === 'PlaybackStarted') {
      // Several media under one id start one after another: the prompt started once.
      if (started.has(playbackId)) return NOTHING;
      started.add(playbackId);
      return this.fact(channelId, { type: 'PlaybackStarted', playbackId, at: this.now() });
    }
    started.delete(playbackId);
    return this.fact(channelId, { type: 'PlaybackFinished', playbackId, result: state === 'done' ? 'done' : 'failed', at: this.now() });
  }

  private onRecordingFinished(name: string, targetUri: string, state: string, duration: number | undefined): MappedEvent {
    const channelId = channelOfTarget(targetUri);
    if (channelId === undefined || !this.isWatched(channelId)) return NOTHING;
    if (state !== 'done') return this.unexpected(channelId, `recording ${name} finished in state ${state}`);
    return this.fact(channelId, { type: 'RecordingStored', recordingId: name, durationSeconds: duration ?? 0, at: this.now() });
  }

  private onDestroyed(channelId: string, cause: number, techCause: number | undefined): MappedEvent {
    if (!this.isWatched(channelId)) return NOTHING;
    const track = this.tracks.get(channelId);
    this.tracks.delete(channelId);
    const ending = hangupCauseOf({ destroyed: { cause, techCause }, dialStatus: track?.dialStatus, request: track?.hangupRequest });
    return this.fact(channelId, { type: 'HungUp', ...ending, at: this.now() });
  }

  private fact(channelId: string, event: TelephonyEvent): MappedEvent {
    return this.isWatched(channelId) ? { facts: [{ channelId, event }] } : NOTHING;
  }

  private unexpected(channelId: string | undefined, reason: string): MappedEvent {
    return { facts: [], unexpected: { channelId, reason } };
  }

  private track(channelId: string): ChannelTrack {
    let track = this.tracks.get(channelId);
    if (!track) {
      track = { ringing: false, answered: false, startedPlaybacks: new Set() };
      this.tracks.set(channelId, track);
    }
    return track;
  }
}
