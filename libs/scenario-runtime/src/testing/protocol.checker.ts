import type { RuntimeCommand } from '../engine/runtime.commands';
import type { RuntimeEvent } from '../engine/runtime.events';

/**
 * The channel as the telephony side sees it, rebuilt only from the commands the runtime sent and
 * the events it was given. Property tests compare the runtime against it: a command that makes
 * no sense for this channel is a protocol violation.
 */
export type ChannelView = {
  answered: boolean;
  over: boolean;
  playing: string | null;
  recognising: boolean;
  recording: boolean;
  detecting: boolean;
  transferId: string | null;
  readonly timers: Set<string>;
};

export const newChannel = (): ChannelView => ({ answered: false, over: false, playing: null, recognising: false, recording: false, detecting: false, transferId: null, timers: new Set() });

export const observe = (channel: ChannelView, event: RuntimeEvent): void => {
  if (event.type === 'CallAnswered') channel.answered = true;
  if (event.type === 'CallHungUp') channel.over = true;
  if ((event.type === 'PlaybackFinished' || event.type === 'PlaybackFailed') && event.playbackId === channel.playing) channel.playing = null;
  if (event.type === 'TransferAnswered' && channel.answered && event.transferId === channel.transferId) channel.over = true;
};

type Flag = 'recognising' | 'recording' | 'detecting';

/** Commands that switch something on or off, and the complaint when it already was. */
const switches: Partial<Record<RuntimeCommand['type'], { readonly flag: Flag; readonly to: boolean; readonly wrong: string }>> = {
  StartRecognition: { flag: 'recognising', to: true, wrong: 'StartRecognition while recognising' },
  StopRecognition: { flag: 'recognising', to: false, wrong: 'StopRecognition while not recognising' },
  StartRecording: { flag: 'recording', to: true, wrong: 'StartRecording twice' },
  StartMachineDetection: { flag: 'detecting', to: true, wrong: 'StartMachineDetection twice' },
};

/** Applies the commands to the view and returns what was wrong with them (empty when all is well). */
export const check = (channel: ChannelView, commands: readonly RuntimeCommand[]): string[] => {
  const violations: string[] = [];
  for (const command of commands) {
    if (channel.over) violations.push(`${command.type} after the call was over`);
    if (!channel.answered && command.type !== 'SetTimer' && command.type !== 'HangUp') violations.push(`${command.type} before the answer`);
    const flip = switches[command.type];
    if (flip) {
      if (channel[flip.flag] === flip.to) violations.push(flip.wrong);
      channel[flip.flag] = flip.to;
    }
    switch (command.type) {
      case 'Play':
        if (channel.playing !== null) violations.push(`Play ${command.playbackId} while ${channel.playing} plays`);
        channel.playing = command.playbackId;
        break;
      case 'StopPlayback':
        if (channel.playing !== command.playbackId) violations.push(`StopPlayback ${command.playbackId} while ${channel.playing ?? 'nothing'} plays`);
        channel.playing = null;
        break;
      case 'SetTimer':
        if (channel.timers.has(command.timerId) || command.delayMs <= 0) violations.push(`SetTimer ${command.timerId} reused or not in the future`);
        channel.timers.add(command.timerId);
        break;
      case 'Transfer':
        // The caller must hear the operator ring, not a prompt the bot forgot to stop.
        if (channel.playing !== null || channel.recognising) violations.push('Transfer with the channel still busy');
        channel.transferId = command.transferId;
        break;
      case 'HangUp':
      case 'HandOver':
        if (channel.playing !== null || channel.recognising) violations.push(`${command.type} with the channel still busy`);
        channel.over = true;
        break;
      default:
        break;
    }
  }
  return violations;
};
