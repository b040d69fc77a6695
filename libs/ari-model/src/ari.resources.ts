// Resource shapes exactly as Asterisk 22.10 serialises them (see the ARI traces fixture).

export interface CallerId {
  name: string;
  number: string;
}

export interface DialplanCep {
  context: string;
  exten: string;
  priority: number;
  app_name: string;
  app_data: string;
}

export type ChannelState = 'Down' | 'Rsrvd' | 'OffHook' | 'Dialing' | 'Ring' | 'Ringing' | 'Up' | 'Busy' | 'Dialing Offhook' | 'Pre-ring' | 'Unknown';

export interface Channel {
  id: string;
  name: string;
  state: ChannelState;
  protocol_id: string;
  caller: CallerId;
  connected: CallerId;
  accountcode: string;
  dialplan: DialplanCep;
  creationtime: string;
  language: string;
}

export interface Bridge {
  id: string;
  technology: string;
  bridge_type: string;
  bridge_class: string;
  creator: string;
  name: string;
  channels: string[];
  creationtime: string;
  video_mode: string;
}

export type PlaybackState = 'queued' | 'playing' | 'continuing' | 'done' | 'failed';

export interface Playback {
  id: string;
  media_uri: string;
  next_media_uri?: string;
  target_uri: string;
  language: string;
  state: PlaybackState;
}

export type LiveRecordingState = 'queued' | 'recording' | 'paused' | 'done' | 'failed' | 'canceled';

export interface LiveRecording {
  name: string;
  format: string;
  state: LiveRecordingState;
  target_uri: string;
  duration?: number;
  talking_duration?: number;
  silence_duration?: number;
  cause?: string;
}

export interface StoredRecording {
  name: string;
  format: string;
}

export interface Variable {
  value: string;
}

export interface Endpoint {
  technology: string;
  resource: string;
  state: string;
  channel_ids: string[];
}

/** Error bodies: `{message}` everywhere except the 500 of an unknown channel technology (`{error}`). */
export type AriErrorBody = { message: string } | { error: string };

/** The `asterisk_id` of the recorded system; the simulator reports the same. */
export const RECORDED_ASTERISK_ID = '02:fc:00:00:00:01';
