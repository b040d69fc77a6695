import { integrationMessageFrom, type IntegrationMessage } from '@zvonar/messaging';
import type { RecordedEvent } from '@zvonar/eventsourcing';
import { callControlV1 } from '@zvonar/proto-ts';
import type { CallEvent } from '../call/domain';
import { CALL_TOPIC } from '../placing/place-call.topics';
import {
  callEndedMessage,
  contactBlacklistedMessage,
  goalReachedMessage,
  integrationRequestedMessage,
  placeCallRejectedMessage,
  recordingStoredMessage,
  smsRequestedMessage,
} from './call-events.proto-mapper';

type Encoded = { readonly type: string; readonly campaignId: string; readonly payload: Uint8Array };

const fullName = (message: string): string => `zvonar.callcontrol.v1.${message}`;

/** The integration message body of a domain event; null for the call's private facts (ringing, prompts, DTMF...). */
const encode = (event: CallEvent): Encoded | null => {
  switch (event.type) {
    case 'CallEnded':
      return { type: fullName('CallEnded'), campaignId: event.data.campaignId, payload: callControlV1.CallEnded.encode(callEndedMessage(event)).finish() };
    case 'PlaceCallRejected':
      return { type: fullName('PlaceCallRejected'), campaignId: event.data.campaignId, payload: callControlV1.PlaceCallRejected.encode(placeCallRejectedMessage(event)).finish() };
    case 'GoalReached':
      return { type: fullName('GoalReached'), campaignId: event.data.campaignId, payload: callControlV1.GoalReached.encode(goalReachedMessage(event)).finish() };
    case 'ContactBlacklisted':
      return { type: fullName('ContactBlacklisted'), campaignId: event.data.campaignId, payload: callControlV1.ContactBlacklisted.encode(contactBlacklistedMessage(event)).finish() };
    case 'SmsRequested':
      return { type: fullName('SmsRequested'), campaignId: event.data.campaignId, payload: callControlV1.SmsRequested.encode(smsRequestedMessage(event)).finish() };
    case 'IntegrationRequested':
      return { type: fullName('IntegrationRequested'), campaignId: event.data.campaignId, payload: callControlV1.IntegrationRequested.encode(integrationRequestedMessage(event)).finish() };
    case 'RecordingStored':
      return { type: fullName('RecordingStored'), campaignId: event.data.campaignId, payload: callControlV1.RecordingStored.encode(recordingStoredMessage(event)).finish() };
    default:
      return null;
  }
};

/**
 * The forwarder's mapping: a call's public facts go to `zvonar.call-control.call.v1` keyed by
 * campaign id, so one campaign's outcomes reach campaigns in the order they happened. The message
 * id is the event id: a republish after a crash is deduplicated by consumers.
 */
export function callIntegrationEvents(event: RecordedEvent): readonly IntegrationMessage[] {
  const encoded = encode(event as RecordedEvent<CallEvent>);
  if (!encoded) return [];
  return [{ ...integrationMessageFrom(event, { topic: CALL_TOPIC, type: encoded.type, payload: encoded.payload }), key: encoded.campaignId }];
}
