import type { Playback, PlaybackState } from '@zvonar/ari-model';
import type { Asterisk } from '../asterisk/asterisk';
import type { SimChannel } from '../asterisk/sim-channel';
import type { Timer } from '../clock/scheduler';
import { soundDurationMs } from './sounds';

/** Resolves how long a media URI plays; `missing` fails at once, `unsupported` never finishes. */
export type MediaLength = { ms: number } | 'missing' | 'unsupported';
export type MediaResolver = (uri: string) => MediaLength;

// HTTP media is not fetched; the simulator plays it for a fixed time.
const HTTP_MEDIA_MS = 3000;

export function defaultMediaResolver(recordingMs: (name: string) => number | undefined): MediaResolver {
  return (uri) => {
    const colon = uri.indexOf(':');
    const scheme = uri.slice(0, colon);
    const rest = uri.slice(colon + 1);
    if (scheme === 'sound') return wrap(soundDurationMs(rest));
    if (scheme === 'recording') return wrap(recordingMs(rest));
    if (scheme === 'http' || scheme === 'https') return { ms: HTTP_MEDIA_MS };
    if (scheme === 'digits') return { ms: 250 * rest.length };
    if (scheme === 'tone') return { ms: 1000 };
    return 'unsupported';
  };
}

const wrap = (ms: number | undefined): MediaLength => (ms === undefined ? 'missing' : { ms });

class SimPlayback {
  index = 0;
  state: PlaybackState = 'queued';
  timer: Timer | undefined;

  constructor(
    readonly id: string,
    readonly channel: SimChannel,
    readonly media: readonly string[],
    readonly language: string,
  ) {}

  snapshot(): Playback {
    const next = this.media[this.index + 1];
    return {
      id: this.id,
      media_uri: this.media[this.index] ?? '',
      ...(next === undefined ? {} : { next_media_uri: next }),
      target_uri: `channel:${this.channel.id}`,
      language: this.language,
      state: this.state,
    };
  }
}

/**
 * Channel playbacks: one queue per channel (a second play waits for the first, even under the
 * same playback id), PlaybackStarted / Continuing / Finished, `done` when stopped and `failed`
 * when the channel hangs up. Channel commands wait for the queue to drain (`whenIdle`).
 */
export class PlaybackEngine {
  private readonly queues = new Map<string, SimPlayback[]>();
  private readonly idleWaiters = new Map<string, Array<() => void>>();

  constructor(
    private readonly ast: Asterisk,
    private readonly resolve: MediaResolver,
  ) {
    ast.onTeardown((channel) => this.failCurrent(channel));
    ast.onDestroy((channel) => this.drop(channel));
  }

  get(id: string): Playback | undefined {
    return this.find(id)?.snapshot();
  }

  play(channel: SimChannel, id: string, media: readonly string[], language: string): Playback {
    const playback = new SimPlayback(id, channel, media, language);
    const queue = this.queues.get(channel.id) ?? [];
    queue.push(playback);
    this.queues.set(channel.id, queue);
    const answer = playback.snapshot();
    if (queue.length === 1) this.ast.scheduler.after(0, () => this.start(playback));
    return answer;
  }

  /** DELETE /playbacks/{id}: the current item ends as `done` (Asterisk sends no `stopped`). */
  stop(id: string): boolean {
    const playback = this.find(id);
    if (!playback) return false;
    if (playback.state === 'queued') {
      this.remove(playback);
      return true;
    }
    this.finish(playback, 'done');
    return true;
  }

  isIdle(channel: SimChannel): boolean {
    return (this.queues.get(channel.id)?.length ?? 0) === 0;
  }

  /** Resolves once no playback is running or queued on the channel (or the channel is gone). */
  whenIdle(channel: SimChannel): Promise<void> {
    if (this.isIdle(channel) || channel.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      const list = this.idleWaiters.get(channel.id) ?? [];
      list.push(resolve);
      this.idleWaiters.set(channel.id, list);
    });
  }

  private find(id: string): SimPlayback | undefined {
    for (const queue of this.queues.values()) for (const p of queue) if (p.id === id) return p;
    return undefined;
  }

  private start(playback: SimPlayback): void {
    if (playback.channel.destroyed || playback.state !== 'queued') return;
    this.startItem(playback);
  }

  private startItem(playback: SimPlayback): void {
    playback.state = 'playing';
    this.ast.emit(playback.channel, { type: 'PlaybackStarted', playback: playback.snapshot() });
    const length = this.resolve(playback.media[playback.index] ?? '');
    // Only a file that exists sends frames (a missing sound left the callee's Answer() waiting).
    if (typeof length === 'object') playback.channel.mediaSent();
    if (length === 'missing') return this.finish(playback, 'failed');
    if (length === 'unsupported') {
      // Asterisk reports the start and then forgets the playback: no PlaybackFinished, GET → 404.
      return this.remove(playback);
    }
    playback.timer = this.ast.after(playback.channel, length.ms, () => this.itemDone(playback));
  }

  private itemDone(playback: SimPlayback): void {
    if (playback.index + 1 >= playback.media.length) return this.finish(playback, 'done');
    playback.state = 'continuing';
    this.ast.emit(playback.channel, { type: 'PlaybackContinuing', playback: playback.snapshot() });
    playback.index += 1;
    this.startItem(playback);
  }

  private finish(playback: SimPlayback, state: 'done' | 'failed'): void {
    playback.timer?.cancel();
    playback.state = state;
    this.ast.emit(playback.channel, { type: 'PlaybackFinished', playback: playback.snapshot() });
    this.remove(playback);
  }

  private remove(playback: SimPlayback): void {
    const queue = this.queues.get(playback.channel.id);
    if (!queue) return;
    const wasCurrent = queue[0] === playback;
    queue.splice(queue.indexOf(playback), 1);
    const next = queue[0];
    if (next && wasCurrent) this.start(next);
    if (queue.length === 0) {
      playback.channel.mediaStopped();
      this.settle(playback.channel.id);
    }
  }

  private failCurrent(channel: SimChannel): void {
    const current = this.queues.get(channel.id)?.[0];
    if (current && current.state !== 'queued') {
      current.timer?.cancel();
      current.state = 'failed';
      this.ast.emit(channel, { type: 'PlaybackFinished', playback: current.snapshot() });
    }
    this.drop(channel);
  }

  private drop(channel: SimChannel): void {
    this.queues.delete(channel.id);
    this.settle(channel.id);
  }

  private settle(channelId: string): void {
    this.queues.delete(channelId);
    const waiters = this.idleWaiters.get(channelId) ?? [];
    this.idleWaiters.delete(channelId);
    for (const resolve of waiters) resolve();
  }
}
