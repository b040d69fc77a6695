import type { Bridge, Channel, LiveRecording, Playback, StoredRecording } from '@zvonar/ari-model';
import { AriConflictError } from './ari.errors';
import { seg, type AriHttp } from './ari.http';

export interface OriginateRequest {
  endpoint: string;
  /** Client-chosen id: the idempotency key of the attempt. */
  channelId: string;
  otherChannelId?: string;
  appArgs?: readonly string[];
  callerId?: string;
  timeoutSeconds?: number;
  variables?: Readonly<Record<string, string>>;
  originator?: string;
}

/** A 409 on a client-chosen id means an earlier (maybe timed-out) request already placed the call. */
export type OriginateResult = { kind: 'originated'; channel: Channel } | { kind: 'already-originated'; channelId: string };

export type Media = `sound:${string}` | `recording:${string}` | `http://${string}` | `https://${string}` | `digits:${string}` | `tone:${string}`;

export type HangupReason = 'normal' | 'busy' | 'congestion' | 'no_answer' | 'timeout' | 'rejected' | 'unallocated' | 'normal_unspecified' | 'answered_elsewhere';

export interface RecordRequest {
  name: string;
  format: 'wav' | 'gsm' | 'ulaw' | 'alaw' | 'sln';
  maxDurationSeconds?: number;
  maxSilenceSeconds?: number;
  ifExists?: 'fail' | 'overwrite' | 'append';
  beep?: boolean;
  terminateOn?: 'none' | 'any' | '*' | '#';
}

export interface SnoopRequest {
  snoopId: string;
  spy?: 'none' | 'both' | 'out' | 'in';
  whisper?: 'none' | 'both' | 'out' | 'in';
  appArgs?: readonly string[];
}

export interface ExternalMediaRequest {
  channelId: string;
  externalHost: string;
  format: string;
  encapsulation?: 'rtp' | 'audiosocket';
  transport?: 'udp' | 'tcp';
  direction?: 'both';
}

/**
 * The ARI verbs call-control uses, one method per REST call, all against our Stasis app.
 * Errors surface as the typed `AriHttpError` subclasses (404 gone, 409 conflict, ...).
 */
export class AriCommands {
  constructor(
    private readonly http: AriHttp,
    private readonly app: string,
  ) {}

  /** POST /channels: answers before the call is up (state Down); StasisStart comes on answer. */
  async originate(request: OriginateRequest): Promise<OriginateResult> {
    try {
      const channel = await this.http.request<Channel>('POST', '/channels', {
        body: {
          endpoint: request.endpoint,
          app: this.app,
          channelId: request.channelId,
          ...(request.otherChannelId === undefined ? {} : { otherChannelId: request.otherChannelId }),
          ...(request.appArgs === undefined ? {} : { appArgs: request.appArgs.join(',') }),
          ...(request.callerId === undefined ? {} : { callerId: request.callerId }),
          ...(request.timeoutSeconds === undefined ? {} : { timeout: request.timeoutSeconds }),
          ...(request.originator === undefined ? {} : { originator: request.originator }),
          ...(request.variables === undefined ? {} : { variables: request.variables }),
        },
      });
      return { kind: 'originated', channel };
    } catch (error) {
      if (error instanceof AriConflictError) return { kind: 'already-originated', channelId: request.channelId };
      throw error;
    }
  }

  /** POST /channels/create: the channel enters Stasis at once in state Down; `dial` places the call. */
  createChannel(request: { endpoint: string; channelId: string; appArgs?: readonly string[] }): Promise<Channel> {
    return this.http.request<Channel>('POST', '/channels/create', {
      query: { endpoint: request.endpoint, app: this.app, channelId: request.channelId, appArgs: request.appArgs?.join(',') },
    });
  }

  dial(channelId: string, timeoutSeconds?: number): Promise<void> {
    return this.http.request('POST', `/channels/${seg(channelId)}/dial`, { query: { timeout: timeoutSeconds } });
  }

  answer(channelId: string): Promise<void> {
    return this.http.request('POST', `/channels/${seg(channelId)}/answer`);
  }

  /** Several media play one after another under one playback id. */
  play(channelId: string, playbackId: string, media: readonly Media[], lang?: string): Promise<Playback> {
    return this.http.request<Playback>('POST', `/channels/${seg(channelId)}/play/${seg(playbackId)}`, { query: { media: media.join(','), lang } });
  }

  /** Ends the playback; Asterisk reports PlaybackFinished with state `done`. */
  stopPlayback(playbackId: string): Promise<void> {
    return this.http.request('DELETE', `/playbacks/${seg(playbackId)}`);
  }

  getPlayback(playbackId: string): Promise<Playback> {
    return this.http.request<Playback>('GET', `/playbacks/${seg(playbackId)}`);
  }

  sendDtmf(channelId: string, dtmf: string, options: { between?: number; duration?: number } = {}): Promise<void> {
    return this.http.request('POST', `/channels/${seg(channelId)}/dtmf`, { query: { dtmf, between: options.between, duration: options.duration } });
  }

  /** Note: channel commands wait behind a running playback; GETs do not. */
  setVariable(channelId: string, variable: string, value: string): Promise<void> {
    return this.http.request('POST', `/channels/${seg(channelId)}/variable`, { query: { variable, value } });
  }

  async getVariable(channelId: string, variable: string): Promise<string> {
    const { value } = await this.http.request<{ value: string }>('GET', `/channels/${seg(channelId)}/variable`, { query: { variable } });
    return value;
  }

  /** TALK_DETECT(set): ChannelTalkingStarted/Finished; Finished needs silence frames for `silenceMs`. */
  enableTalkDetect(channelId: string, silenceMs?: number, talkThreshold?: number): Promise<void> {
    const value = silenceMs === undefined ? '' : talkThreshold === undefined ? String(silenceMs) : `${silenceMs},${talkThreshold}`;
    return this.setVariable(channelId, 'TALK_DETECT(set)', value);
  }

  disableTalkDetect(channelId: string): Promise<void> {
    return this.setVariable(channelId, 'TALK_DETECT(remove)', '');
  }

  /** Leaves Stasis for the dialplan (the AMD hop: context `amd` returns with a second StasisStart). */
  continueInDialplan(channelId: string, target: { context: string; extension?: string; priority?: number; label?: string }): Promise<void> {
    return this.http.request('POST', `/channels/${seg(channelId)}/continue`, {
      query: { context: target.context, extension: target.extension, priority: target.priority, label: target.label },
    });
  }

  record(channelId: string, request: RecordRequest): Promise<LiveRecording> {
    return this.http.request<LiveRecording>('POST', `/channels/${seg(channelId)}/record`, {
      query: {
        name: request.name,
        format: request.format,
        maxDurationSeconds: request.maxDurationSeconds,
        maxSilenceSeconds: request.maxSilenceSeconds,
        ifExists: request.ifExists,
        beep: request.beep,
        terminateOn: request.terminateOn,
      },
    });
  }

  stopRecording(name: string): Promise<void> {
    return this.http.request('POST', `/recordings/live/${seg(name)}/stop`);
  }

  getLiveRecording(name: string): Promise<LiveRecording> {
    return this.http.request<LiveRecording>('GET', `/recordings/live/${seg(name)}`);
  }

  listStoredRecordings(): Promise<StoredRecording[]> {
    return this.http.request<StoredRecording[]>('GET', '/recordings/stored');
  }

  storedRecordingFile(name: string): Promise<Buffer> {
    return this.http.binary(`/recordings/stored/${seg(name)}/file`);
  }

  deleteStoredRecording(name: string): Promise<void> {
    return this.http.request('DELETE', `/recordings/stored/${seg(name)}`);
  }

  snoop(channelId: string, request: SnoopRequest): Promise<Channel> {
    return this.http.request<Channel>('POST', `/channels/${seg(channelId)}/snoop`, {
      query: { app: this.app, snoopId: request.snoopId, spy: request.spy ?? 'in', whisper: request.whisper ?? 'none', appArgs: request.appArgs?.join(',') },
    });
  }

  externalMedia(request: ExternalMediaRequest): Promise<Channel> {
    return this.http.request<Channel>('POST', '/channels/externalMedia', {
      query: {
        app: this.app,
        channelId: request.channelId,
        external_host: request.externalHost,
        format: request.format,
        encapsulation: request.encapsulation,
        transport: request.transport,
        direction: request.direction,
      },
    });
  }

  /** POST /bridges/{id}: answers 200; Asterisk sends no BridgeCreated. */
  createBridge(bridgeId: string, name = '', type: 'mixing' | 'holding' = 'mixing'): Promise<Bridge> {
    return this.http.request<Bridge>('POST', `/bridges/${seg(bridgeId)}`, { query: { type, name } });
  }

  addToBridge(bridgeId: string, channelIds: readonly string[]): Promise<void> {
    return this.http.request('POST', `/bridges/${seg(bridgeId)}/addChannel`, { query: { channel: channelIds.join(',') } });
  }

  removeFromBridge(bridgeId: string, channelIds: readonly string[]): Promise<void> {
    return this.http.request('POST', `/bridges/${seg(bridgeId)}/removeChannel`, { query: { channel: channelIds.join(',') } });
  }

  destroyBridge(bridgeId: string): Promise<void> {
    return this.http.request('DELETE', `/bridges/${seg(bridgeId)}`);
  }

  /** DELETE /channels/{id} with a reason or a Q.850 cause code. */
  hangup(channelId: string, cause: { reason?: HangupReason; reasonCode?: number } = {}): Promise<void> {
    return this.http.request('DELETE', `/channels/${seg(channelId)}`, { query: { reason: cause.reason, reason_code: cause.reasonCode } });
  }

  getChannel(channelId: string): Promise<Channel> {
    return this.http.request<Channel>('GET', `/channels/${seg(channelId)}`);
  }

  listChannels(): Promise<Channel[]> {
    return this.http.request<Channel[]>('GET', '/channels');
  }

  ping(): Promise<{ ping: string; timestamp: string; asterisk_id: string }> {
    return this.http.request('GET', '/asterisk/ping');
  }
}
