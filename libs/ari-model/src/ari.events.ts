import type { Bridge, Channel, LiveRecording, Playback } from './ari.resources';

// The events seen in the recorded traces, as a discriminated union on `type`.

interface EventBase {
  timestamp: string;
  asterisk_id: string;
  application: string;
}

interface ChannelEventBase extends EventBase {
  channel: Channel;
}

export interface DialEvent extends EventBase {
  type: 'Dial';
  dialstatus: string;
  forward: string;
  dialstring: string;
  peer: Channel;
}
export interface ChannelDialplanEvent extends ChannelEventBase {
  type: 'ChannelDialplan';
  dialplan_app: string;
  dialplan_app_data: string;
}
export interface ChannelStateChangeEvent extends ChannelEventBase {
  type: 'ChannelStateChange';
}
export interface ChannelVarsetEvent extends ChannelEventBase {
  type: 'ChannelVarset';
  variable: string;
  value: string;
}
export interface StasisStartEvent extends ChannelEventBase {
  type: 'StasisStart';
  args: string[];
}
export interface StasisEndEvent extends ChannelEventBase {
  type: 'StasisEnd';
}
export interface ChannelHangupRequestEvent extends ChannelEventBase {
  type: 'ChannelHangupRequest';
  /** A Q.850 cause, or soft-hangup flags when `soft` is true (32 = explicit from ARI). */
  cause: number;
  soft?: boolean;
  tech_cause?: number;
}
export interface ChannelDestroyedEvent extends ChannelEventBase {
  type: 'ChannelDestroyed';
  cause: number;
  cause_txt: string;
  tech_cause?: number;
}
export interface ChannelDtmfReceivedEvent extends ChannelEventBase {
  type: 'ChannelDtmfReceived';
  digit: string;
  duration_ms: number;
}
export interface ChannelTalkingStartedEvent extends ChannelEventBase {
  type: 'ChannelTalkingStarted';
}
export interface ChannelTalkingFinishedEvent extends ChannelEventBase {
  type: 'ChannelTalkingFinished';
  duration: number;
}
export interface ChannelCallerIdEvent extends ChannelEventBase {
  type: 'ChannelCallerId';
  caller_presentation: number;
  caller_presentation_txt: string;
}
export interface ChannelConnectedLineEvent extends ChannelEventBase {
  type: 'ChannelConnectedLine';
}
export interface ChannelEnteredBridgeEvent extends ChannelEventBase {
  type: 'ChannelEnteredBridge';
  bridge: Bridge;
}
export interface ChannelLeftBridgeEvent extends ChannelEventBase {
  type: 'ChannelLeftBridge';
  bridge: Bridge;
}
export interface BridgeDestroyedEvent extends EventBase {
  type: 'BridgeDestroyed';
  bridge: Bridge;
}
export interface PlaybackStartedEvent extends EventBase {
  type: 'PlaybackStarted';
  playback: Playback;
}
export interface PlaybackContinuingEvent extends EventBase {
  type: 'PlaybackContinuing';
  playback: Playback;
}
export interface PlaybackFinishedEvent extends EventBase {
  type: 'PlaybackFinished';
  playback: Playback;
}
export interface RecordingStartedEvent extends EventBase {
  type: 'RecordingStarted';
  recording: LiveRecording;
}
export interface RecordingFinishedEvent extends EventBase {
  type: 'RecordingFinished';
  recording: LiveRecording;
}

export type AriEvent =
  | DialEvent
  | ChannelDialplanEvent
  | ChannelStateChangeEvent
  | ChannelVarsetEvent
  | StasisStartEvent
  | StasisEndEvent
  | ChannelHangupRequestEvent
  | ChannelDestroyedEvent
  | ChannelDtmfReceivedEvent
  | ChannelTalkingStartedEvent
  | ChannelTalkingFinishedEvent
  | ChannelCallerIdEvent
  | ChannelConnectedLineEvent
  | ChannelEnteredBridgeEvent
  | ChannelLeftBridgeEvent
  | BridgeDestroyedEvent
  | PlaybackStartedEvent
  | PlaybackContinuingEvent
  | PlaybackFinishedEvent
  | RecordingStartedEvent
  | RecordingFinishedEvent;

export type AriEventType = AriEvent['type'];

/** An event before `timestamp`, `asterisk_id` and `application` are stamped on it. */
export type AriEventBody = AriEvent extends infer E ? (E extends AriEvent ? Omit<E, keyof EventBase> : never) : never;

/** Which resource an event type carries, for decoders. */
export const ARI_EVENT_RESOURCE: Record<AriEventType, 'channel' | 'peer' | 'bridge' | 'playback' | 'recording'> = {
  Dial: 'peer',
  ChannelDialplan: 'channel',
  ChannelStateChange: 'channel',
  ChannelVarset: 'channel',
  StasisStart: 'channel',
  StasisEnd: 'channel',
  ChannelHangupRequest: 'channel',
  ChannelDestroyed: 'channel',
  ChannelDtmfReceived: 'channel',
  ChannelTalkingStarted: 'channel',
  ChannelTalkingFinished: 'channel',
  ChannelCallerId: 'channel',
  ChannelConnectedLine: 'channel',
  ChannelEnteredBridge: 'channel',
  ChannelLeftBridge: 'channel',
  BridgeDestroyed: 'bridge',
  PlaybackStarted: 'playback',
  PlaybackContinuing: 'playback',
  PlaybackFinished: 'playback',
  RecordingStarted: 'recording',
  RecordingFinished: 'recording',
};

/** Q.850 cause texts as Asterisk prints them in `cause_txt`. */
export const CAUSE_TEXT: Readonly<Record<number, string>> = {
  0: 'Unknown',
  16: 'Normal Clearing',
  17: 'User busy',
  18: 'No user responding',
  19: 'User alerting, no answer',
  21: 'Call Rejected',
  34: 'Circuit/channel congestion',
};
