import type { Observable } from 'rxjs';
import { AriConflictError, AriHttpError, createAriClient, type AriCommands, type AriConnectionState, type AriEvent, type AriEventStream, type AriResync } from '../../ari';
import type {
  OriginateRequest,
  OriginateResult,
  PromptMedia,
  RecognitionRequest,
  Telephony,
  TelephonyListener,
  TransferTarget,
  Unsubscribe,
} from '../telephony.port';
import { AriEventMapper, type ChannelFact } from './ari-event.mapper';
import { unlessGone } from './ari-gone';
import { originateChannel, tagVariables, type ChannelOriginate } from './ari-originate';
import { writeToStderr, type AriTelephonyLogEntry, type AriTelephonyOptions } from './ari-telephony.options';
import { AriTransfers } from './ari-transfers';
import { ChannelListeners } from '../channel-listeners';

/**
 * The Telephony port over Asterisk ARI: calls are originated into our Stasis app with our
 * channel ids, ARI events become the port's facts per channel (AriEventMapper), transfers run
 * through a mixing bridge (AriTransfers). `start()` opens the events connection; `state` is
 * `connected` when the adapter is ready for calls. After every (re)connection our live channels
 * are adopted, channels of our app nobody owns are hung up, and channels that ended unseen are
 * reported as HungUp.
 */
export class AriTelephony implements Telephony {
  private readonly commands: AriCommands;
  private readonly events: AriEventStream;
  private readonly listeners: ChannelListeners;
  /** Channels we placed or adopted that have not been destroyed yet. */
  private readonly live = new Set<string>();
  private readonly originating = new Set<string>();
  private readonly mapper: AriEventMapper;
  private readonly transfers: AriTransfers;
  private readonly log: (entry: AriTelephonyLogEntry) => void;

  constructor(private readonly options: AriTelephonyOptions) {
    this.log = options.log ?? writeToStderr;
    this.listeners = new ChannelListeners((channelId, event, error) => this.log({ message: `listener failed on ${event.type}: ${String(error)}`, channelId }));
    const client = createAriClient(options.ari, {
      onEvent: (event) => this.onEvent(event),
      onMalformed: (report) => this.log({ message: `ARI event skipped: ${report.reason}`, ...(report.channelId === undefined ? {} : { channelId: report.channelId }), detail: report.raw }),
      onResync: (resync) => this.onResync(resync),
      onResyncError: (error) => this.log({ message: 'resync failed', detail: String(error) }),
      channelIdPrefix: options.channelIdPrefix ?? 'zvc-',
    });
    this.commands = client.commands;
    this.events = client.events;
    this.mapper = new AriEventMapper((channelId) => this.live.has(channelId) || this.listeners.has(channelId), () => this.now());
    this.transfers = new AriTransfers({
      commands: this.commands,
      subscribe: (channelId, listener) => this.subscribe(channelId, listener),
      originate: (request) => this.place(request),
      hangUp: (channelId, cause) => this.hangUp(channelId, cause),
      emit: (channelId, event) => this.emit({ channelId, event }),
      now: () => this.now(),
      log: this.log,
    });
    if (options.onConnectionState) this.events.state$.subscribe(options.onConnectionState);
  }

  /** Readiness: `connected` only. */
  get state(): AriConnectionState {
    return this.events.state;
  }

  get state$(): Observable<AriConnectionState> {
    return this.events.state$;
  }

  /** Channels placed or adopted here and not destroyed yet. */
  get liveChannels(): number {
    return this.live.size;
  }

  start(): void {
    this.events.start();
  }

  stop(): Promise<void> {
    return this.events.stop();
  }

  subscribe(channelId: string, listener: TelephonyListener): Unsubscribe {
    return this.listeners.add(channelId, listener);
  }

  originate(request: OriginateRequest): Promise<OriginateResult> {
    return this.place({
      channelId: request.channelId,
      endpoint: this.options.dialPlan.callee(request),
      appArgs: ['call'],
      ringTimeoutMs: request.ringTimeoutMs,
      callerId: request.callerId,
      variables: tagVariables(request.tags),
    });
  }

  async play(channelId: string, playbackId: string, media: PromptMedia): Promise<void> {
    try {
      await unlessGone(this.commands.play(channelId, playbackId, this.options.dialPlan.media(media)));
    } catch (error) {
      // Refused (not in Stasis, bad media): the prompt never plays, which the runtime must hear.
      if (!(error instanceof AriHttpError)) throw error;
      this.log({ message: `play ${playbackId} refused: ${error.message}`, channelId });
      this.emit({ channelId, event: { type: 'PlaybackFinished', playbackId, result: 'failed', at: this.now() } });
    }
  }

  async stopPlayback(_channelId: string, playbackId: string): Promise<void> {
    await unlessGone(this.commands.stopPlayback(playbackId));
  }

  /** DTMF facts flow whenever the callee presses keys; ARI has no speech recognition of its own. */
  async startRecognition(channelId: string, request: RecognitionRequest): Promise<void> {
    if (request.mode === 'speech') this.log({ message: 'speech recognition is not available over ARI; the recognition will time out', channelId });
  }

  async stopRecognition(): Promise<void> {
    return;
  }

  /** TALK_DETECT waits behind a running playback (a channel command): call it before the first prompt. */
  async startTalkDetection(channelId: string, options: { readonly silenceThresholdMs: number }): Promise<void> {
    await this.unlessNotInStasis(channelId, 'TALK_DETECT', unlessGone(this.commands.enableTalkDetect(channelId, options.silenceThresholdMs)));
  }

  /** Leaves Stasis for the AMD context; the verdict comes back with the second StasisStart. */
  async startMachineDetection(channelId: string): Promise<void> {
    await unlessGone(this.commands.continueInDialplan(channelId, { context: this.options.amdContext ?? 'amd', extension: 's', priority: 1 }));
  }

  async startRecording(channelId: string, recordingId: string): Promise<void> {
    await this.unlessNotInStasis(
      channelId,
      'record',
      unlessGone(this.commands.record(channelId, { name: recordingId, format: 'wav', ifExists: 'overwrite', beep: false, terminateOn: 'none', maxSilenceSeconds: 0 })),
    );
  }

  transfer(channelId: string, transferId: string, target: TransferTarget, ringTimeoutMs: number): Promise<void> {
    return this.transfers.start(channelId, transferId, this.options.dialPlan.operator(target), ringTimeoutMs);
  }

  async hangUp(channelId: string, cause: number): Promise<void> {
    await unlessGone(this.commands.hangup(channelId, { reasonCode: cause }));
  }

  private async place(request: ChannelOriginate): Promise<OriginateResult> {
    this.live.add(request.channelId);
    this.originating.add(request.channelId);
    try {
      const result = await originateChannel(this.commands, request, this.options.originateAttempts ?? 3);
      if (result.kind === 'refused') {
        this.live.delete(request.channelId);
        // The request may have reached Asterisk after all: nothing may ring without a call.
        await unlessGone(this.commands.hangup(request.channelId)).catch(() => undefined);
      }
      return result;
    } finally {
      this.originating.delete(request.channelId);
    }
  }

  private async unlessNotInStasis(channelId: string, what: string, command: Promise<unknown>): Promise<void> {
    try {
      await command;
    } catch (error) {
      if (!(error instanceof AriConflictError)) throw error;
      this.log({ message: `${what} refused: ${error.message}`, channelId });
    }
  }

  private onEvent(event: AriEvent): void {
    const mapped = this.mapper.map(event);
    if (mapped.unexpected) this.log({ message: `ARI event ${event.type} ignored: ${mapped.unexpected.reason}`, ...(mapped.unexpected.channelId === undefined ? {} : { channelId: mapped.unexpected.channelId }) });
    for (const fact of mapped.facts) this.emit(fact);
  }

  private emit(fact: ChannelFact): void {
    if (fact.event.type === 'HungUp') this.ended(fact.channelId);
    this.listeners.tell(fact.channelId, fact.event);
  }

  private ended(channelId: string): void {
    this.live.delete(channelId);
    void this.transfers.customerGone(channelId).catch((error: unknown) => this.log({ message: 'transfer clean-up failed', channelId, detail: String(error) }));
  }

  private async onResync(resync: AriResync): Promise<void> {
    const present = new Set([...resync.ours, ...resync.foreign].map((channel) => channel.id));
    const adopted: string[] = [];
    const hungUp: string[] = [];
    for (const channel of resync.ours) {
      if (this.live.has(channel.id) || this.listeners.has(channel.id) || this.options.claim?.(channel.id) === true) {
        this.live.add(channel.id);
        this.mapper.adopt(channel.id, channel.state === 'Up');
        adopted.push(channel.id);
      } else {
        hungUp.push(channel.id);
        await unlessGone(this.commands.hangup(channel.id)).catch((error: unknown) => this.log({ message: 'orphan not hung up', channelId: channel.id, detail: String(error) }));
      }
    }
    const lost = [...this.live].filter((channelId) => !present.has(channelId) && !this.originating.has(channelId));
    for (const channelId of lost) this.emit(this.mapper.lost(channelId));
    this.options.onResync?.({ adopted, hungUp, lost, reconnected: resync.reconnected });
  }

  private now(): number {
    return this.options.clock.now().getTime();
  }
}
