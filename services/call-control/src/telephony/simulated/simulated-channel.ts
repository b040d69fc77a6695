import type { PromptMedia, RecognitionRequest, TelephonyEvent, TransferTarget } from '../telephony.port';
import type { ScheduledTask, Scheduler } from '../time/scheduler.port';
import type { CalleeBehaviour, CalleeReply } from './callee-behaviour';
import { Causes, type CalleeFate, type NetworkEnding } from './callee-fate';
import type { SeededRandom } from './seeded-random';

type ChannelState = 'Dialing' | 'Ringing' | 'Up' | 'Gone';
type Playback = { readonly id: string; readonly endsAt: number; readonly finish: ScheduledTask };

/** What TALK_DETECT waits for after the last sound before it reports the end of talking. */
const SILENCE_THRESHOLD_MS = 2_500;
/** SendDTMF spaces the digits of a sequence about this far apart. */
const DIGIT_GAP_MS = 350;

const promptKey = (media: PromptMedia): string => (media.kind === 'text' ? media.text : media.materialId);

/**
 * One virtual callee on one channel: plays its drawn fate through the scheduler and answers the
 * bot's commands the way a network reports them. Every timer it starts is tracked and cancelled
 * when the channel goes, so a finished call leaves nothing scheduled.
 */
export class SimulatedChannel {
  private state: ChannelState = 'Dialing';
  private readonly timers = new Set<ScheduledTask>();
  private playback: Playback | null = null;
  private readonly queuedPlays: { id: string; media: PromptMedia }[] = [];
  private prompts = 0;
  private lastPrompt: string | null = null;
  private readonly repliesUsed = new Map<string, number>();
  private reply: ScheduledTask[] = [];
  private talkDetection = false;
  private recording: { id: string; startedAt: number } | null = null;
  private patience: ScheduledTask | null = null;
  private talking: { readonly since: number; end: ScheduledTask | null } | null = null;

  constructor(
    readonly channelId: string,
    private readonly fate: CalleeFate,
    private readonly behaviour: CalleeBehaviour,
    private readonly random: SeededRandom,
    private readonly scheduler: Scheduler,
    private readonly emit: (event: TelephonyEvent) => void,
    private readonly onGone: () => void,
  ) {}

  get isGone(): boolean {
    return this.state === 'Gone';
  }

  start(): void {
    const { fate } = this;
    if (fate.ringingAfterMs !== null) this.later(fate.ringingAfterMs, () => this.ringing());
    if (fate.kind === 'unanswered') this.later(fate.endAfterMs, () => this.end(fate.ending));
    else this.later(fate.answerAfterMs, () => this.answer());
  }

  play(playbackId: string, media: PromptMedia): void {
    if (this.state !== 'Up') return;
    // Asterisk queues a second playback behind the first; the runtime never sends one.
    if (this.playback) this.queuedPlays.push({ id: playbackId, media });
    else this.startPlayback(playbackId, media);
  }

  stopPlayback(playbackId: string): void {
    if (this.playback?.id !== playbackId) return;
    this.finishPlayback('done');
  }

  startRecognition(_request: RecognitionRequest): void {
    if (this.state !== 'Up') return;
    this.cancelReply();
    const reply = this.nextReply();
    const from = Math.max(this.nowMs(), this.playback?.endsAt ?? 0) - this.nowMs();
    this.deliver(reply, from + this.random.within(this.behaviour.replyDelayMs));
  }

  stopRecognition(): void {
    this.cancelReply();
  }

  startTalkDetection(): void {
    this.talkDetection = true;
  }

  startMachineDetection(timeoutMs: number): void {
    if (this.state !== 'Up') return;
    const decidesIn = this.random.within(this.behaviour.machineDetectionMs);
    const result = decidesIn > timeoutMs ? 'unknown' : this.fate.kind === 'answered' && this.fate.machine ? 'machine' : 'human';
    this.later(Math.min(decidesIn, timeoutMs), () => this.emit({ type: 'MachineDetectionCompleted', result, at: this.nowMs() }));
  }

  startRecording(recordingId: string): void {
    if (this.state === 'Up' && this.recording === null) this.recording = { id: recordingId, startedAt: this.nowMs() };
  }

  transfer(transferId: string, _target: TransferTarget, ringTimeoutMs: number): void {
    if (this.state !== 'Up') return;
    const ring = this.random.within(this.behaviour.operatorRingMs);
    if (!this.random.chance(this.behaviour.operatorAnswerShare) || ring >= ringTimeoutMs) {
      this.later(ringTimeoutMs, () => this.emit({ type: 'TransferFailed', transferId, reason: 'NoAnswer', at: this.nowMs() }));
      return;
    }
    this.later(ring, () => {
      this.emit({ type: 'TransferAnswered', transferId, at: this.nowMs() });
      // Bridged to the operator: the conversation, not the callee's patience with the bot, ends the call.
      this.patience?.cancel();
      this.later(this.random.within(this.behaviour.operatorTalkMs), () => this.end(Causes.normal));
    });
  }

  /** The bot hangs up: the network confirms on the next turn, as ARI does. */
  hangUp(cause: number): void {
    if (this.state === 'Gone') return;
    this.later(0, () => this.end({ cause }));
  }

  private ringing(): void {
    this.state = 'Ringing';
    this.emit({ type: 'Ringing', at: this.nowMs() });
  }

  private answer(): void {
    if (this.fate.kind !== 'answered') return;
    this.state = 'Up';
    this.emit({ type: 'Answered', at: this.nowMs() });
    const { machine } = this.fate;
    if (machine) {
      this.talk(300, machine.greetingMs);
      this.later(300 + machine.greetingMs + this.behaviour.machineHangupAfterGreetingMs, () => this.end(Causes.normal));
    } else {
      this.talk(200, 700); // "Алло?"
      this.patience = this.later(this.behaviour.patienceMs, () => this.end(Causes.normal));
    }
  }

  /**
   * The callee makes sound for `forMs`. Like TALK_DETECT, sound that resumes within the silence
   * threshold continues the same segment: one Started, and one Finished after the last sound.
   */
  private talk(afterMs: number, forMs: number): void {
    this.later(afterMs, () => {
      const now = this.nowMs();
      if (this.talking === null) {
        this.talking = { since: now, end: null };
        if (this.talkDetection) this.emit({ type: 'TalkingStarted', at: now });
      }
      const segment = this.talking;
      segment.end?.cancel();
      segment.end = this.later(forMs + SILENCE_THRESHOLD_MS, () => {
        this.talking = null;
        if (this.talkDetection) this.emit({ type: 'TalkingFinished', durationMs: now + forMs - segment.since, at: this.nowMs() });
      });
    });
  }

  private startPlayback(id: string, media: PromptMedia): void {
    const duration = this.durationOf(media);
    const index = this.prompts;
    this.prompts += 1;
    this.lastPrompt = promptKey(media);
    this.playback = { id, endsAt: this.nowMs() + duration, finish: this.later(duration, () => this.finishPlayback('done')) };
    this.later(0, () => this.emit({ type: 'PlaybackStarted', playbackId: id, at: this.nowMs() }));
    const hangup = this.fate.kind === 'answered' ? this.fate.hangUpDuringPrompt : null;
    if (hangup?.index === index) this.later(Math.floor(duration * hangup.fraction), () => this.end(Causes.normal));
  }

  private finishPlayback(result: 'done' | 'failed'): void {
    const playback = this.playback;
    if (!playback) return;
    playback.finish.cancel();
    this.timers.delete(playback.finish);
    this.playback = null;
    this.emit({ type: 'PlaybackFinished', playbackId: playback.id, result, at: this.nowMs() });
    const next = this.queuedPlays.shift();
    if (next && this.state === 'Up') this.startPlayback(next.id, next.media);
  }

  private durationOf(media: PromptMedia): number {
    if (media.kind === 'text') return Math.max(600, media.text.length * this.behaviour.promptMsPerCharacter);
    return this.behaviour.materialDurationsMs[media.materialId] ?? this.behaviour.materialMs;
  }

  private nextReply(): CalleeReply {
    if (this.fate.kind === 'answered' && this.fate.machine) return { kind: 'silence' };
    const script = this.lastPrompt === null ? undefined : this.behaviour.repliesByPrompt[this.lastPrompt];
    if (script && script.length > 0 && this.lastPrompt !== null) {
      const used = this.repliesUsed.get(this.lastPrompt) ?? 0;
      this.repliesUsed.set(this.lastPrompt, used + 1);
      return script[Math.min(used, script.length - 1)] ?? { kind: 'silence' };
    }
    const weights = Object.fromEntries(this.behaviour.replies.map((reply, index) => [String(index), reply.weight]));
    return this.behaviour.replies[Number(this.random.pick(weights))] ?? { kind: 'silence' };
  }

  private deliver(reply: CalleeReply, afterMs: number): void {
    if (reply.kind === 'dtmf') {
      this.reply = [...reply.digits].map((digit, index) => this.later(afterMs + index * DIGIT_GAP_MS, () => this.emit({ type: 'DtmfReceived', digit, at: this.nowMs() })));
    } else if (reply.kind === 'speech') {
      const speakingMs = 300 + reply.text.length * 80;
      this.talk(afterMs, speakingMs);
      this.reply = [
        this.later(afterMs + speakingMs, () => this.emit({ type: 'SpeechRecognised', text: reply.text, confidence: reply.confidence, final: true, at: this.nowMs() })),
      ];
    }
  }

  private cancelReply(): void {
    for (const task of this.reply) task.cancel();
    this.reply = [];
  }

  /** The channel goes: the playback fails, the recording is stored, then the hang-up. */
  private end(ending: NetworkEnding): void {
    if (this.state === 'Gone') return;
    const wasUp = this.state === 'Up';
    this.state = 'Gone';
    for (const task of this.timers) task.cancel();
    this.timers.clear();
    this.queuedPlays.length = 0;
    if (wasUp && this.playback) this.finishPlayback('failed');
    if (this.recording) {
      const seconds = Math.ceil((this.nowMs() - this.recording.startedAt) / 1000);
      this.emit({ type: 'RecordingStored', recordingId: this.recording.id, durationSeconds: seconds, at: this.nowMs() });
      this.recording = null;
    }
    this.emit({ type: 'HungUp', cause: ending.cause, ...(ending.sipCode === undefined ? {} : { sipCode: ending.sipCode }), at: this.nowMs() });
    this.onGone();
  }

  private later(delayMs: number, run: () => void): ScheduledTask {
    const holder: { task?: ScheduledTask } = {};
    const task = this.scheduler.after(delayMs, () => {
      if (holder.task) this.timers.delete(holder.task);
      run();
    });
    holder.task = task;
    this.timers.add(task);
    return task;
  }

  private nowMs(): number {
    return this.scheduler.now().getTime();
  }
}
