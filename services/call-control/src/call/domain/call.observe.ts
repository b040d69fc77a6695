import type { CallObservation } from './call.commands';
import { callEnded } from './call-ending';
import type { CallEvent } from './call.events';
import { isAnswered, type LiveCall } from './call';

const before = (status: LiveCall['status'], ...statuses: LiveCall['status'][]): boolean => statuses.includes(status);

/**
 * The event one observation adds to a live call, or null when it adds nothing: a repeat of a
 * recorded fact, or a fact that comes too late for the call's state (ringing after the answer,
 * an answer after a hang-up is handled by the caller, which never passes an ended call here).
 */
export const observe = (call: LiveCall, observation: CallObservation): CallEvent | null => {
  const { callId, campaignId, contactId, projectId, phone } = call.request;
  switch (observation.kind) {
    case 'Ringing':
      return before(call.status, 'Requested', 'Originating') ? { type: 'CallRinging', data: { callId, at: observation.at } } : null;
    case 'Answered':
      return before(call.status, 'Requested', 'Originating', 'Ringing') ? { type: 'CallAnswered', data: { callId, at: observation.at } } : null;
    case 'HungUp':
      return callEnded(call, observation);
    case 'BotHangup':
      return call.botHangup === null ? { type: 'CallHangupRequested', data: { callId, reason: observation.reason, at: observation.at } } : null;
    default:
      return isAnswered(call) ? observeAnswered(call, observation, { callId, campaignId, contactId, projectId, phone }) : null;
  }
};

type Who = Pick<LiveCall['request'], 'callId' | 'campaignId' | 'contactId' | 'projectId' | 'phone'>;

const observeAnswered = (call: LiveCall, observation: CallObservation, who: Who): CallEvent | null => {
  const { callId } = who;
  switch (observation.kind) {
    case 'MachineDetected':
      return call.machineResult === null ? { type: 'MachineDetectionCompleted', data: { callId, result: observation.result, at: observation.at } } : null;
    case 'NodeEntered':
      return observation.visit > call.lastVisit ? { type: 'ScenarioNodeEntered', data: { callId, nodeId: observation.nodeId, visit: observation.visit, at: observation.at } } : null;
    case 'PromptFinished':
      return call.playbacksDone.includes(observation.playbackId)
        ? null
        : { type: 'PromptPlayed', data: { callId, playbackId: observation.playbackId, media: observation.media, result: observation.result, at: observation.at } };
    case 'Dtmf':
      return call.lastDtmf === `${observation.at}|${observation.digit}` ? null : { type: 'DtmfReceived', data: { callId, digit: observation.digit, at: observation.at } };
    case 'Speech':
      return call.lastSpeech === `${observation.at}|${observation.text}`
        ? null
        : { type: 'SpeechRecognised', data: { callId, text: observation.text, confidence: observation.confidence, at: observation.at } };
    case 'Goal':
      return { type: 'GoalReached', data: { callId, projectId: who.projectId, campaignId: who.campaignId, contactId: who.contactId, ...(observation.tag === undefined ? {} : { tag: observation.tag }), at: observation.at } };
    case 'Blacklist':
      return call.blacklisted ? null : { type: 'ContactBlacklisted', data: { callId, projectId: who.projectId, campaignId: who.campaignId, contactId: who.contactId, phone: who.phone, scope: observation.scope, at: observation.at } };
    case 'Sms':
      return { type: 'SmsRequested', data: { callId, projectId: who.projectId, campaignId: who.campaignId, contactId: who.contactId, phone: who.phone, materialId: observation.materialId, at: observation.at } };
    case 'Integration':
      return { type: 'IntegrationRequested', data: { callId, projectId: who.projectId, campaignId: who.campaignId, contactId: who.contactId, integrationId: observation.integrationId, fields: observation.fields, at: observation.at } };
    case 'TransferStarted':
      return call.transferId === observation.transferId ? null : { type: 'TransferStarted', data: { callId, transferId: observation.transferId, operator: observation.operator, at: observation.at } };
    case 'TransferAnswered':
      return call.status === 'Transferring' && call.transferId === observation.transferId
        ? { type: 'TransferConnected', data: { callId, transferId: observation.transferId, at: observation.at } }
        : null;
    case 'TransferFailed':
      return call.status === 'Transferring' && call.transferId === observation.transferId
        ? { type: 'TransferFailed', data: { callId, transferId: observation.transferId, reason: observation.reason, at: observation.at } }
        : null;
    case 'RecordingStored':
      return call.recordingsStored.includes(observation.recordingId)
        ? null
        : { type: 'RecordingStored', data: { callId, projectId: who.projectId, campaignId: who.campaignId, recordingId: observation.recordingId, durationSeconds: observation.durationSeconds, at: observation.at } };
    default:
      return null;
  }
};
