import { integrationTopic, type IntegrationMessage } from '@zvonar/messaging';
import { callControlV1 } from '@zvonar/proto-ts';
import type { DialPlan } from '../domain';

/** Call-control's command topic, keyed by campaign id (one campaign's commands stay in order). */
export const PLACE_CALL_TOPIC = integrationTopic({ service: 'call-control', category: 'place-call', version: 1 });
export const PLACE_CALL_TYPE = 'zvonar.callcontrol.v1.PlaceCall';

export type PlaceCallInput = {
  readonly campaignId: string;
  readonly plan: DialPlan;
  readonly attemptId: string;
  /** How many times this attempt id was sent, this one included: a re-send is a new message of the same attempt. */
  readonly send: number;
  readonly contactId: string;
  readonly phone: string;
  readonly callerId: string;
  readonly variables: Readonly<Record<string, string>>;
  readonly timeZone: string;
  readonly leaseUntil: Date;
  readonly requestedAt: Date;
};

/**
 * The PlaceCall for one send of an attempt. Its message id names the send, so the outbox holds
 * every re-send, while call-control dedupes on the attempt id inside: a re-send never rings twice.
 */
export const placeCallMessage = (input: PlaceCallInput): IntegrationMessage => ({
  messageId: `PlaceCall:${input.attemptId}:${input.send}`,
  topic: PLACE_CALL_TOPIC,
  key: input.campaignId,
  type: PLACE_CALL_TYPE,
  payload: callControlV1.PlaceCall.encode({
    attemptId: input.attemptId,
    projectId: input.plan.projectId,
    campaignId: input.campaignId,
    contactId: input.contactId,
    phone: input.phone,
    scenarioId: input.plan.scenarioId,
    scenarioVersion: input.plan.scenarioVersion,
    callerId: input.callerId,
    trunkId: input.plan.trunkId,
    variables: { ...input.variables },
    answerWaitSeconds: input.plan.answerWaitSeconds,
    actionWaitSeconds: input.plan.actionWaitSeconds,
    record: input.plan.record,
    detectMachine: input.plan.detectMachine,
    leaseExpiresAt: input.leaseUntil,
    requestedAt: input.requestedAt,
    contactTimeZone: input.timeZone,
  }).finish(),
  occurredAt: input.requestedAt,
  headers: {},
});
