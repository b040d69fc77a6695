import type { Asterisk } from '../asterisk/asterisk';
import type { AudioKind, SimChannel } from '../asterisk/sim-channel';
import type { Timer } from '../clock/scheduler';

// TALK_DETECT as observed: Started ~85 ms after speech begins; Finished only after the silence
// threshold of *frames* (default 2500 ms), never when the far end stops sending audio.
const DETECT_LAG_MS = 85;
const DEFAULT_SILENCE_MS = 2500;

const active = new WeakMap<SimChannel, () => void>();

/** `TALK_DETECT(set)` with `value` = `"<silence ms>[,<talk threshold>]"` or empty. */
export function setTalkDetect(ast: Asterisk, channel: SimChannel, value: string): void {
  removeTalkDetect(channel);
  const silenceMs = Number(value.split(',')[0]) || DEFAULT_SILENCE_MS;
  let talkingSince: number | undefined;
  let pendingStart: Timer | undefined;
  let pendingFinish: Timer | undefined;

  const onAudio = (kind: AudioKind): void => {
    if (kind === 'speech') {
      pendingFinish?.cancel();
      pendingFinish = undefined;
      if (talkingSince === undefined && pendingStart === undefined) {
        pendingStart = ast.after(channel, DETECT_LAG_MS, () => {
          pendingStart = undefined;
          talkingSince = ast.scheduler.now();
          ast.emit(channel, { type: 'ChannelTalkingStarted', channel: channel.snapshot() });
        });
      }
      return;
    }
    if (kind === 'none') {
      pendingFinish?.cancel();
      pendingFinish = undefined;
      return;
    }
    if (talkingSince !== undefined && pendingFinish === undefined) {
      pendingFinish = ast.after(channel, silenceMs - DETECT_LAG_MS, () => {
        pendingFinish = undefined;
        const since = talkingSince ?? ast.scheduler.now();
        talkingSince = undefined;
        const duration = Math.round(ast.scheduler.now() - since - silenceMs);
        ast.emit(channel, { type: 'ChannelTalkingFinished', duration, channel: channel.snapshot() });
      });
    }
  };

  const unsubscribe = channel.onAudio(onAudio);
  active.set(channel, () => {
    unsubscribe();
    pendingStart?.cancel();
    pendingFinish?.cancel();
  });
  if (channel.incomingAudio === 'speech') onAudio('speech');
}

export function removeTalkDetect(channel: SimChannel): void {
  active.get(channel)?.();
  active.delete(channel);
}
