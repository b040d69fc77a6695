import type { RuntimeCommand, RuntimeEvent, RuntimeState, Step } from '@zvonar/scenario-runtime';
import type { CallObservation } from '../call/domain';
import type { PromptMedia, TelephonyEvent } from '../telephony/telephony.port';

const iso = (ms: number): string => new Date(ms).toISOString();

/** The call fact a telephony event records, if any (talking and playback starts record nothing). */
export const observationOf = (event: TelephonyEvent, mediaOf: (playbackId: string) => PromptMedia | undefined): CallObservation | null => {
  const at = iso(event.at);
  switch (event.type) {
    case 'Ringing':
      return { kind: 'Ringing', at };
    case 'Answered':
      return { kind: 'Answered', at };
    case 'PlaybackFinished': {
      const media = mediaOf(event.playbackId);
      return media ? { kind: 'PromptFinished', playbackId: event.playbackId, media, result: event.result === 'done' ? 'Finished' : 'Failed', at } : null;
    }
    case 'DtmfReceived':
      return { kind: 'Dtmf', digit: event.digit, at };
    case 'SpeechRecognised':
      return event.final ? { kind: 'Speech', text: event.text, confidence: event.confidence, at } : null;
    case 'MachineDetectionCompleted':
      return { kind: 'MachineDetected', result: event.result, at };
    case 'TransferAnswered':
      return { kind: 'TransferAnswered', transferId: event.transferId, at };
    case 'TransferFailed':
      return { kind: 'TransferFailed', transferId: event.transferId, reason: event.reason, at };
    case 'RecordingStored':
      return { kind: 'RecordingStored', recordingId: event.recordingId, durationSeconds: event.durationSeconds, at };
    case 'HungUp':
      return { kind: 'HungUp', cause: event.cause, ...(event.sipCode === undefined ? {} : { sipCode: event.sipCode }), at };
    default:
      return null;
  }
};

/** What the scenario runtime hears of a telephony event (ringing and stored recordings mean nothing to it). */
export const runtimeEventOf = (event: TelephonyEvent): RuntimeEvent | null => {
  switch (event.type) {
    case 'Answered':
      return { type: 'CallAnswered' };
    case 'PlaybackStarted':
      return { type: 'PlaybackStarted', playbackId: event.playbackId };
    case 'PlaybackFinished':
      return event.result === 'done' ? { type: 'PlaybackFinished', playbackId: event.playbackId } : { type: 'PlaybackFailed', playbackId: event.playbackId };
    case 'DtmfReceived':
      return { type: 'DtmfReceived', digit: event.digit };
    case 'SpeechRecognised':
      return { type: 'SpeechRecognised', text: event.text, confidence: event.confidence, final: event.final };
    case 'TalkingStarted':
      return { type: 'TalkingStarted' };
    case 'TalkingFinished':
      return { type: 'TalkingFinished' };
    case 'MachineDetectionCompleted':
      return { type: 'MachineDetectionCompleted', result: event.result };
    case 'TransferAnswered':
      return { type: 'TransferAnswered', transferId: event.transferId };
    case 'TransferFailed':
      return { type: 'TransferFailed', transferId: event.transferId, reason: event.reason };
    case 'HungUp':
      return { type: 'CallHungUp', cause: String(event.cause) };
    default:
      return null;
  }
};

const factOf = (command: RuntimeCommand, at: string): CallObservation | null => {
  switch (command.type) {
    case 'MarkGoal':
      return command.tag === undefined ? { kind: 'Goal', at } : { kind: 'Goal', tag: command.tag, at };
    case 'AddToBlacklist':
      return { kind: 'Blacklist', scope: command.scope, at };
    case 'SendSms':
      return { kind: 'Sms', materialId: command.materialId, at };
    case 'CallIntegration':
      return { kind: 'Integration', integrationId: command.integrationId, fields: { ...command.fields }, at };
    case 'Transfer':
      return { kind: 'TransferStarted', transferId: command.transferId, operator: command.operator, at };
    case 'HangUp':
      return { kind: 'BotHangup', reason: command.cause, at };
    case 'HandOver':
      return { kind: 'BotHangup', reason: 'HandOverUnsupported', at };
    default:
      return null;
  }
};

/**
 * The facts one runtime step adds to the call: the node it entered (the runtime counts entries
 * in `visits`; when one step passes through several nodes only the last is named), then its
 * effects, transfers and hang-up in the order it issued them.
 */
export const factsOf = (before: RuntimeState, step: Step, atMs: number): CallObservation[] => {
  const at = iso(atMs);
  const facts: CallObservation[] = [];
  if (step.state.visits > before.visits && step.state.visits <= step.state.settings.maxNodeVisits) {
    facts.push({ kind: 'NodeEntered', nodeId: step.state.nodeId, visit: step.state.visits, at });
  }
  for (const command of step.commands) {
    const fact = factOf(command, at);
    if (fact) facts.push(fact);
  }
  return facts;
};
