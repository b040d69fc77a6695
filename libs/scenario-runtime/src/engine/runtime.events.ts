/**
 * What call-control tells the runtime. Ids (playback, transfer, timer) are the ones the runtime
 * put in its commands, so a late event about something already superseded is recognised and
 * ignored.
 */
export type CallAnswered = { readonly type: 'CallAnswered' };
export type PlaybackStarted = { readonly type: 'PlaybackStarted'; readonly playbackId: string };
export type PlaybackFinished = { readonly type: 'PlaybackFinished'; readonly playbackId: string };
export type PlaybackFailed = { readonly type: 'PlaybackFailed'; readonly playbackId: string; readonly reason?: string };
export type DtmfReceived = { readonly type: 'DtmfReceived'; readonly digit: string };
export type SpeechRecognised = { readonly type: 'SpeechRecognised'; readonly text: string; readonly confidence: number; readonly final: boolean };
export type TalkingStarted = { readonly type: 'TalkingStarted' };
export type TalkingFinished = { readonly type: 'TalkingFinished' };
export type MachineDetectionCompleted = { readonly type: 'MachineDetectionCompleted'; readonly result: 'human' | 'machine' | 'unknown' };
export type TransferAnswered = { readonly type: 'TransferAnswered'; readonly transferId: string };
export type TransferFailed = { readonly type: 'TransferFailed'; readonly transferId: string; readonly reason?: string };
export type TimerFired = { readonly type: 'TimerFired'; readonly timerId: string };
export type CallHungUp = { readonly type: 'CallHungUp'; readonly cause?: string };

export type RuntimeEvent =
  | CallAnswered
  | PlaybackStarted
  | PlaybackFinished
  | PlaybackFailed
  | DtmfReceived
  | SpeechRecognised
  | TalkingStarted
  | TalkingFinished
  | MachineDetectionCompleted
  | TransferAnswered
  | TransferFailed
  | TimerFired
  | CallHungUp;

export type RuntimeEventType = RuntimeEvent['type'];
