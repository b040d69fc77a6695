import type {
  OriginateRequest,
  OriginateResult,
  PromptMedia,
  RecognitionRequest,
  Telephony,
  TelephonyEvent,
  TelephonyListener,
  TransferTarget,
  Unsubscribe,
} from '../telephony.port';
import { ChannelListeners } from '../channel-listeners';
import type { Scheduler } from '../time/scheduler.port';
import { behaviourFor, type SimulatedTelephonyConfig } from './callee-behaviour';
import { drawFate } from './callee-fate';
import { SeededRandom } from './seeded-random';
import { SimulatedChannel } from './simulated-channel';

const E164 = /^\+[1-9]\d{7,14}$/;

/**
 * The embedded mode's phone network: virtual callees with the project's behaviour mix, on the
 * injected scheduler (virtual time in tests, scaled real time in demos). The same seed and
 * channel ids give the same calls.
 */
export class SimulatedTelephony implements Telephony {
  private readonly channels = new Map<string, SimulatedChannel>();
  /** Every id ever originated here: reusing one answers "already originated" and never rings. */
  private readonly originated = new Set<string>();
  // A listener that throws is a bug in the caller: let it surface where the fact was emitted.
  private readonly listeners = new ChannelListeners((_channelId, _event, error) => {
    throw error;
  });

  constructor(
    private readonly config: SimulatedTelephonyConfig,
    private readonly scheduler: Scheduler,
  ) {}

  /** Channels not hung up yet. */
  get activeChannels(): number {
    return this.channels.size;
  }

  /** Channels someone still listens to (0 once every call was cleaned up). */
  get listenedChannels(): number {
    return this.listeners.channelCount;
  }

  subscribe(channelId: string, listener: TelephonyListener): Unsubscribe {
    return this.listeners.add(channelId, listener);
  }

  async originate(request: OriginateRequest): Promise<OriginateResult> {
    if (this.originated.has(request.channelId)) return { kind: 'already-originated' };
    const projectId = request.tags?.projectId;
    const profile = projectId === undefined ? undefined : await this.config.profiles?.profileOf(projectId);
    // The profile lookup yielded: a concurrent retry of the same id may have gone through meanwhile.
    if (this.originated.has(request.channelId)) return { kind: 'already-originated' };
    if (!E164.test(request.number)) return { kind: 'refused', reason: 'InvalidNumber', cause: 28, sipCode: 484, detail: `${request.number} is not a dialable number` };
    if (this.channels.size >= this.config.maxChannels) return { kind: 'refused', reason: 'NoFreeChannel', cause: 34, sipCode: 503, detail: `all ${this.config.maxChannels} channels are busy` };
    this.originated.add(request.channelId);
    const behaviour = behaviourFor(this.config, projectId, profile);
    const random = new SeededRandom(profile?.seed ?? this.config.seed, request.channelId);
    const fate = drawFate(behaviour, random, request.ringTimeoutMs);
    const channel = new SimulatedChannel(
      request.channelId,
      fate,
      behaviour,
      random,
      this.scheduler,
      (event) => this.emit(request.channelId, event),
      () => this.channels.delete(request.channelId),
    );
    this.channels.set(request.channelId, channel);
    channel.start();
    return { kind: 'originated' };
  }

  async play(channelId: string, playbackId: string, media: PromptMedia): Promise<void> {
    this.channels.get(channelId)?.play(playbackId, media);
  }

  async stopPlayback(channelId: string, playbackId: string): Promise<void> {
    this.channels.get(channelId)?.stopPlayback(playbackId);
  }

  async startRecognition(channelId: string, request: RecognitionRequest): Promise<void> {
    this.channels.get(channelId)?.startRecognition(request);
  }

  async stopRecognition(channelId: string): Promise<void> {
    this.channels.get(channelId)?.stopRecognition();
  }

  async startTalkDetection(channelId: string): Promise<void> {
    this.channels.get(channelId)?.startTalkDetection();
  }

  async startMachineDetection(channelId: string, options: { readonly timeoutMs: number }): Promise<void> {
    this.channels.get(channelId)?.startMachineDetection(options.timeoutMs);
  }

  async startRecording(channelId: string, recordingId: string): Promise<void> {
    this.channels.get(channelId)?.startRecording(recordingId);
  }

  async transfer(channelId: string, transferId: string, target: TransferTarget, ringTimeoutMs: number): Promise<void> {
    this.channels.get(channelId)?.transfer(transferId, target, ringTimeoutMs);
  }

  async hangUp(channelId: string, cause: number): Promise<void> {
    this.channels.get(channelId)?.hangUp(cause);
  }

  private emit(channelId: string, event: TelephonyEvent): void {
    this.listeners.tell(channelId, event);
  }
}
