import type { Media, RuntimeCommand } from '../engine/runtime.commands';
import type { RuntimeEvent } from '../engine/runtime.events';
import type { TranscriptEntry } from './simulator';

// One readable line per transcript entry, for the editor's test-conversation panel. Timers and
// playback bookkeeping are left out: they are how the bot works, not what the marketer drew.

const media = (played: Media): string => (played.kind === 'text' ? `«${played.text}»` : `${played.kind} ${played.materialId}`);

const bot = (command: RuntimeCommand): string | undefined => {
  switch (command.type) {
    case 'Play':
      return `plays ${media(command.media)}`;
    case 'StartRecognition':
      return command.mode === 'dtmf' ? 'waits for keys' : 'listens';
    case 'StartRecording':
      return 'starts recording';
    case 'StartMachineDetection':
      return 'checks for an answering machine';
    case 'Transfer':
      return `transfers to ${command.operator.kind === 'sip' ? command.operator.uri : command.operator.number}`;
    case 'HangUp':
      return `hangs up (${command.cause})`;
    case 'HandOver':
      return `hands over to scenario ${command.scenarioId}`;
    case 'MarkGoal':
      return command.tag === undefined ? 'goal reached' : `goal reached: ${command.tag}`;
    case 'AddToBlacklist':
      return `blacklists the contact (${command.scope})`;
    case 'CallIntegration':
      return `calls integration ${command.integrationId} with ${JSON.stringify(command.fields)}`;
    case 'SendSms':
      return `sends SMS ${command.materialId}`;
    case 'SetVariable':
      return `remembers ${command.name} = «${command.value}»`;
    default:
      return undefined;
  }
};

const other = (event: RuntimeEvent): string | undefined => {
  switch (event.type) {
    case 'DtmfReceived':
      return `presses ${event.digit}`;
    case 'SpeechRecognised':
      return event.final ? `says «${event.text}»` : undefined;
    case 'MachineDetectionCompleted':
      return `detected: ${event.result}`;
    case 'TransferAnswered':
      return 'operator answers';
    case 'TransferFailed':
      return 'operator does not answer';
    case 'TimerFired':
      return 'silence';
    default:
      return undefined;
  }
};

/** `0:07 bot: plays «Здравствуйте, Анна!»`, one line per entry worth reading. */
export const formatTranscript = (transcript: readonly TranscriptEntry[]): string[] =>
  transcript.flatMap((entry) => {
    const text = entry.by === 'bot' ? bot(entry.command) : other(entry.event);
    if (text === undefined) return [];
    const seconds = Math.floor(entry.atMs / 1000);
    return [`${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')} ${entry.by}: ${text}`];
  });
