import type { LiveRecording, StoredRecording } from '@zvonar/ari-model';
import type { Asterisk } from '../asterisk/asterisk';
import type { SimChannel } from '../asterisk/sim-channel';
import type { Timer } from '../clock/scheduler';

export const RECORDING_FORMATS = new Set(['wav', 'gsm', 'ulaw', 'alaw', 'sln', 'g722', 'wav49']);

interface LiveEntry {
  name: string;
  format: string;
  channel: SimChannel;
  state: 'queued' | 'recording';
  /** Time with audio frames arriving: Asterisk writes (and counts) only frames it receives. */
  framesMs: number;
  framesSince: number | undefined;
  limit: Timer | undefined;
  unsubscribe: () => void;
}

interface StoredEntry extends StoredRecording {
  durationMs: number;
}

/** Live recordings on channels and the stored recordings they leave (8 kHz 16-bit WAV). */
export class RecordingEngine {
  private readonly live = new Map<string, LiveEntry>();
  private readonly stored = new Map<string, StoredEntry>();

  constructor(private readonly ast: Asterisk) {
    ast.onTeardown((channel) => {
      for (const entry of [...this.live.values()]) if (entry.channel === channel) this.finish(entry);
    });
  }

  start(channel: SimChannel, name: string, format: string, maxDurationSeconds: number): LiveRecording {
    const entry: LiveEntry = { name, format, channel, state: 'queued', framesMs: 0, framesSince: undefined, limit: undefined, unsubscribe: () => undefined };
    this.live.set(name, entry);
    const answer = this.snapshot(entry);
    this.ast.after(channel, 0, () => {
      entry.state = 'recording';
      const now = (): number => this.ast.scheduler.now();
      if (channel.incomingAudio !== 'none') entry.framesSince = now();
      entry.unsubscribe = channel.onAudio((kind) => {
        if (kind === 'none') this.closeFrames(entry);
        else entry.framesSince ??= now();
      });
      this.ast.emit(channel, { type: 'RecordingStarted', recording: this.snapshot(entry) });
      if (maxDurationSeconds > 0) entry.limit = this.ast.after(channel, maxDurationSeconds * 1000, () => this.finish(entry));
    });
    return answer;
  }

  getLive(name: string): LiveRecording | undefined {
    const entry = this.live.get(name);
    return entry && this.snapshot(entry);
  }

  stop(name: string): boolean {
    const entry = this.live.get(name);
    if (!entry) return false;
    this.finish(entry);
    return true;
  }

  listStored(): StoredRecording[] {
    return [...this.stored.values()].map(({ name, format }) => ({ name, format }));
  }

  getStored(name: string): StoredRecording | undefined {
    const entry = this.stored.get(name);
    return entry && { name: entry.name, format: entry.format };
  }

  storedDurationMs(name: string): number | undefined {
    return this.stored.get(name)?.durationMs;
  }

  deleteStored(name: string): boolean {
    return this.stored.delete(name);
  }

  /** The stored file: a RIFF/WAV header and silence of the recorded length. */
  file(name: string): Buffer | undefined {
    const entry = this.stored.get(name);
    if (!entry) return undefined;
    const dataBytes = Math.round((entry.durationMs / 1000) * 8000) * 2;
    const header = Buffer.alloc(44);
    header.write('RIFF', 0, 'ascii');
    header.writeUInt32LE(36 + dataBytes, 4);
    header.write('WAVEfmt ', 8, 'ascii');
    header.writeUInt32LE(16, 16);
    header.writeUInt16LE(1, 20);
    header.writeUInt16LE(1, 22);
    header.writeUInt32LE(8000, 24);
    header.writeUInt32LE(16000, 28);
    header.writeUInt16LE(2, 32);
    header.writeUInt16LE(16, 34);
    header.write('data', 36, 'ascii');
    header.writeUInt32LE(dataBytes, 40);
    return Buffer.concat([header, Buffer.alloc(dataBytes)]);
  }

  private closeFrames(entry: LiveEntry): void {
    if (entry.framesSince === undefined) return;
    entry.framesMs += this.ast.scheduler.now() - entry.framesSince;
    entry.framesSince = undefined;
  }

  private finish(entry: LiveEntry): void {
    entry.limit?.cancel();
    entry.unsubscribe();
    this.closeFrames(entry);
    this.live.delete(entry.name);
    const durationMs = entry.framesMs;
    this.stored.set(entry.name, { name: entry.name, format: entry.format, durationMs });
    this.ast.emit(entry.channel, {
      type: 'RecordingFinished',
      recording: { ...this.snapshot(entry), state: 'done', duration: Math.floor(durationMs / 1000) },
    });
  }

  private snapshot(entry: LiveEntry): LiveRecording {
    return { name: entry.name, format: entry.format, state: entry.state, target_uri: `channel:${entry.channel.id}` };
  }
}
