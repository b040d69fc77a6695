/**
 * The Telephony port: what call-control asks of a phone network, and the facts the network
 * reports back, per channel. Adapters: Asterisk ARI (production) and the simulated telephony
 * (embedded mode). No adapter type crosses it; ids are ours (channel, playback, recording,
 * transfer), so a retried request names the same thing and late facts can be matched.
 */

/** What a prompt plays; the adapter resolves materials to its own media URIs. */
export type PromptMedia = { readonly kind: 'audio' | 'tts'; readonly materialId: string } | { readonly kind: 'text'; readonly text: string };

export type TransferTarget = { readonly kind: 'sip'; readonly uri: string } | { readonly kind: 'phone'; readonly number: string; readonly dialPlanId?: string };

export type OriginateRequest = {
  /** Chosen by us and stable across retries: originating an id twice never rings twice. */
  readonly channelId: string;
  /** E.164 number of the callee. */
  readonly number: string;
  readonly callerId: string;
  readonly trunkId: string;
  /** How long the callee's phone may ring before the network gives up (cause 19). */
  readonly ringTimeoutMs: number;
  /** Opaque values the adapter keeps with the channel (ARI channel variables), e.g. the call id. */
  readonly tags?: Readonly<Record<string, string>>;
};

export type OriginateResult =
  | { readonly kind: 'originated' }
  /** An earlier request with this channel id (maybe one whose answer was lost) already placed it. */
  | { readonly kind: 'already-originated' }
  | { readonly kind: 'refused'; readonly reason: 'NoFreeChannel' | 'InvalidNumber' | 'TrunkUnavailable' | 'OriginateFailed'; readonly cause: number; readonly sipCode?: number; readonly detail: string };

export type RecognitionRequest =
  | { readonly mode: 'dtmf'; readonly timeoutMs: number; readonly maxDigits?: number; readonly terminator?: string; readonly interDigitTimeoutMs?: number }
  | { readonly mode: 'speech'; readonly timeoutMs: number };

/** Facts about one channel, each with the network's time (epoch ms). */
export type TelephonyEvent =
  | { readonly type: 'Ringing'; readonly at: number }
  | { readonly type: 'Answered'; readonly at: number }
  | { readonly type: 'PlaybackStarted'; readonly playbackId: string; readonly at: number }
  /** `failed`: the media could not be played or the channel went away during it. A stopped playback is `done`. */
  | { readonly type: 'PlaybackFinished'; readonly playbackId: string; readonly result: 'done' | 'failed'; readonly at: number }
  | { readonly type: 'DtmfReceived'; readonly digit: string; readonly at: number }
  | { readonly type: 'SpeechRecognised'; readonly text: string; readonly confidence: number; readonly final: boolean; readonly at: number }
  | { readonly type: 'TalkingStarted'; readonly at: number }
  | { readonly type: 'TalkingFinished'; readonly durationMs: number; readonly at: number }
  | { readonly type: 'MachineDetectionCompleted'; readonly result: 'human' | 'machine' | 'unknown'; readonly at: number }
  | { readonly type: 'TransferAnswered'; readonly transferId: string; readonly at: number }
  | { readonly type: 'TransferFailed'; readonly transferId: string; readonly reason: string; readonly at: number }
  | { readonly type: 'RecordingStored'; readonly recordingId: string; readonly durationSeconds: number; readonly at: number }
  /** The channel is gone. `cause` is Q.850 (16 normal clearing, 17 busy, 19 no answer, 21 rejected, 34 congestion). */
  | { readonly type: 'HungUp'; readonly cause: number; readonly sipCode?: number; readonly at: number };

export type TelephonyEventType = TelephonyEvent['type'];
export type TelephonyListener = (event: TelephonyEvent) => void;
export type Unsubscribe = () => void;

/**
 * Commands resolve once the network took them; their effects arrive as events. A command for a
 * channel that is already gone resolves without effect (the HungUp event tells the story).
 */
export interface Telephony {
  /** Listen before originating: the first events can beat the originate's answer. */
  subscribe(channelId: string, listener: TelephonyListener): Unsubscribe;
  originate(request: OriginateRequest): Promise<OriginateResult>;
  play(channelId: string, playbackId: string, media: PromptMedia): Promise<void>;
  stopPlayback(channelId: string, playbackId: string): Promise<void>;
  startRecognition(channelId: string, request: RecognitionRequest): Promise<void>;
  stopRecognition(channelId: string): Promise<void>;
  /** Talking started/finished events; turn it on before the first prompt (ARI queues it behind playback). */
  startTalkDetection(channelId: string, options: { readonly silenceThresholdMs: number }): Promise<void>;
  startMachineDetection(channelId: string, options: { readonly timeoutMs: number }): Promise<void>;
  startRecording(channelId: string, recordingId: string): Promise<void>;
  /** Rings the operator and bridges the call on answer (TransferAnswered), or TransferFailed. */
  transfer(channelId: string, transferId: string, target: TransferTarget, ringTimeoutMs: number): Promise<void>;
  hangUp(channelId: string, cause: number): Promise<void>;
}
