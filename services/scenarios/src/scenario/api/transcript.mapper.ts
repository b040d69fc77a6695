import type { CallerTurn, RuntimeCommand, RuntimeEvent, TranscriptEntry } from '@zvonar/scenario-runtime';
import { scenariosV1 } from './scenarios.proto';

/** A short line a person reads in the test-conversation panel; the full object is in detailJson. */
const summaryOfCommand = (command: RuntimeCommand): string => {
  switch (command.type) {
    case 'Play':
      return command.media.kind === 'text'
        ? `«${command.media.text}»`
        : `${command.media.kind} ${command.media.materialId}`;
    case 'HangUp':
      return command.cause;
    case 'MarkGoal':
      return command.tag ?? '';
    case 'AddToBlacklist':
      return command.scope;
    case 'SendSms':
      return command.materialId;
    case 'CallIntegration':
      return command.integrationId;
    case 'SetVariable':
      return `${command.name} = ${command.value}`;
    case 'StartRecognition':
      return command.mode;
    case 'Transfer':
      return command.operator.kind === 'sip' ? command.operator.uri : command.operator.number;
    case 'HandOver':
      return command.scenarioId;
    default:
      return '';
  }
};

const summaryOfEvent = (event: RuntimeEvent): string => {
  if (event.type === 'DtmfReceived') return event.digit;
  if (event.type === 'SpeechRecognised') return `«${event.text}»`;
  if (event.type === 'MachineDetectionCompleted') return event.result;
  return '';
};

const actors = {
  bot: scenariosV1.TranscriptActor.TRANSCRIPT_ACTOR_BOT,
  caller: scenariosV1.TranscriptActor.TRANSCRIPT_ACTOR_CALLER,
  network: scenariosV1.TranscriptActor.TRANSCRIPT_ACTOR_NETWORK,
} as const;

export const toProtoTranscriptEntry = (entry: TranscriptEntry): scenariosV1.TranscriptEntry => {
  const item = entry.by === 'bot' ? entry.command : entry.event;
  return {
    atMs: entry.atMs,
    actor: actors[entry.by],
    type: item.type,
    summary: entry.by === 'bot' ? summaryOfCommand(entry.command) : summaryOfEvent(entry.event),
    detailJson: JSON.stringify(item),
  };
};

/** A proto turn has one of dtmf / say / silence set (proto-loader may also fill the others with defaults). */
export const fromProtoTurn = (turn: scenariosV1.CallerTurn): CallerTurn => {
  const interrupt = turn.interrupt ? { interrupt: true } : {};
  if (turn.say) return { kind: 'say', text: turn.say, ...interrupt };
  if (turn.dtmf) return { kind: 'dtmf', digits: turn.dtmf, ...interrupt };
  return { kind: 'silence', ...interrupt };
};
