import type { RecordedEvent } from '@zvonar/eventsourcing';
import type { callControlV1 } from '@zvonar/proto-ts';
import type { CallEvent, OperatorRef } from '../../call/domain';
import {
  callEndedMessage,
  contactBlacklistedMessage,
  goalReachedMessage,
  integrationRequestedMessage,
  placeCallRejectedMessage,
  recordingStoredMessage,
  smsRequestedMessage,
} from '../../integration/call-events.proto-mapper';

type Detail = Omit<callControlV1.CallTimelineEvent, 'revision' | 'type' | 'at' | 'recordedAt'>;

const operatorText = (operator: OperatorRef): string => (operator.kind === 'sip' ? operator.uri : operator.number);

/** When the event happened by the call's own clock (each event names its time differently). */
const happenedAt = (event: CallEvent): string => {
  switch (event.type) {
    case 'CallRequested':
      return event.data.requestedAt;
    case 'PlaceCallRejected':
      return event.data.rejectedAt;
    case 'CallOriginated':
      return event.data.originatedAt;
    case 'CallEnded':
      return event.data.endedAt;
    default:
      return event.data.at;
  }
};

/** The typed detail of an event; the public facts reuse the integration events' messages. */
const detailOf = (event: CallEvent): Detail => {
  switch (event.type) {
    case 'CallRequested': {
      const { data } = event;
      return { requested: { phone: data.phone, trunkId: data.trunkId, callerId: data.callerId, channelId: data.channelId, scenarioId: data.scenario.scenarioId, scenarioVersion: data.scenario.version } };
    }
    case 'PlaceCallRejected':
      return { rejected: placeCallRejectedMessage(event) };
    case 'CallOriginated':
      return { originated: { channelId: event.data.channelId } };
    case 'MachineDetectionCompleted':
      return { machineDetection: { result: event.data.result } };
    case 'ScenarioNodeEntered':
      return { nodeEntered: { nodeId: event.data.nodeId, visit: event.data.visit } };
    case 'PromptPlayed': {
      const { media } = event.data;
      return {
        promptPlayed: {
          playbackId: event.data.playbackId,
          mediaKind: media.kind,
          materialId: media.kind === 'text' ? '' : media.materialId,
          text: media.kind === 'text' ? media.text : '',
          result: event.data.result,
        },
      };
    }
    case 'DtmfReceived':
      return { dtmf: { digit: event.data.digit } };
    case 'SpeechRecognised':
      return { speech: { text: event.data.text, confidence: event.data.confidence } };
    case 'GoalReached':
      return { goal: goalReachedMessage(event) };
    case 'ContactBlacklisted':
      return { blacklisted: contactBlacklistedMessage(event) };
    case 'SmsRequested':
      return { sms: smsRequestedMessage(event) };
    case 'IntegrationRequested':
      return { integration: integrationRequestedMessage(event) };
    case 'TransferStarted':
      return { transfer: { transferId: event.data.transferId, operator: operatorText(event.data.operator), reason: '' } };
    case 'TransferConnected':
      return { transfer: { transferId: event.data.transferId, operator: '', reason: '' } };
    case 'TransferFailed':
      return { transfer: { transferId: event.data.transferId, operator: '', reason: event.data.reason } };
    case 'RecordingStored':
      return { recording: recordingStoredMessage(event) };
    case 'CallHangupRequested':
      return { hangupRequested: { reason: event.data.reason } };
    case 'CallEnded':
      return { ended: callEndedMessage(event) };
    default:
      return {};
  }
};

export function toTimelineEvent(event: RecordedEvent<CallEvent>): callControlV1.CallTimelineEvent {
  return { revision: event.streamRevision, type: event.type, at: new Date(happenedAt(event)), recordedAt: event.recordedAt, ...detailOf(event) };
}
