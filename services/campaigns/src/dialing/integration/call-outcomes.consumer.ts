import { integrationTopic, type IntegrationConsumer, type IntegrationEventSubscriber, type IntegrationMessage } from '@zvonar/messaging';
import type { Clock } from '@zvonar/platform';
import { callControlV1 } from '@zvonar/proto-ts';
import type { Pool, PoolClient } from 'pg';
import { addBlacklistEntry } from '../../blacklist/blacklist.projection';
import type { CallOutcome, InterruptionRetryPolicy } from '../domain';
import { applyAttemptEnd, finishBlacklistedContact, recordGoal, type AttemptEnd } from '../infrastructure/outcomes.repository';
import { subscribeIdempotently } from './idempotent-subscription';

/** Call-control's call events, keyed by campaign id (one campaign's outcomes arrive in order). */
export const CALL_EVENTS_TOPIC = integrationTopic({ service: 'call-control', category: 'call', version: 1 });
export const CALL_OUTCOMES_CONSUMER = 'dialer-call-outcomes';
/** In the embedded mode call-control's bus log lives in its own schema. */
export const CALL_CONTROL_BUS_SCHEMA = 'call_control';

const TYPE = 'zvonar.callcontrol.v1.';
const O = callControlV1.CallOutcome;

type CallEvent =
  | { readonly type: 'CallEnded'; readonly event: callControlV1.CallEnded }
  | { readonly type: 'PlaceCallRejected'; readonly event: callControlV1.PlaceCallRejected }
  | { readonly type: 'GoalReached'; readonly event: callControlV1.GoalReached }
  | { readonly type: 'ContactBlacklisted'; readonly event: callControlV1.ContactBlacklisted };

const decodeCallEvent = (payload: Uint8Array, message: IntegrationMessage): CallEvent | null => {
  switch (message.type) {
    case `${TYPE}CallEnded`:
      return { type: 'CallEnded', event: callControlV1.CallEnded.decode(payload) };
    case `${TYPE}PlaceCallRejected`:
      return { type: 'PlaceCallRejected', event: callControlV1.PlaceCallRejected.decode(payload) };
    case `${TYPE}GoalReached`:
      return { type: 'GoalReached', event: callControlV1.GoalReached.decode(payload) };
    case `${TYPE}ContactBlacklisted`:
      return { type: 'ContactBlacklisted', event: callControlV1.ContactBlacklisted.decode(payload) };
    default:
      return null;
  }
};

/**
 * What the redial rules see of a call. The flags win over the outcome: a goal is a goal however the
 * call ended. 'InvalidNumber' ends the contact; 'Interrupted' (the call was lost to our own
 * infrastructure) is retried outside the redial rules.
 */
export const callOutcomeOf = (event: callControlV1.CallEnded): CallOutcome | 'InvalidNumber' | 'Interrupted' => {
  if (event.goalReached || event.outcome === O.CALL_OUTCOME_GOAL) return { kind: 'Goal' };
  if (event.blacklisted || event.outcome === O.CALL_OUTCOME_BLACKLIST) return { kind: 'Blacklisted' };
  switch (event.outcome) {
    case O.CALL_OUTCOME_TRANSFERRED:
    case O.CALL_OUTCOME_COMPLETED:
    case O.CALL_OUTCOME_DROPPED:
      return { kind: 'Answered', talkSeconds: event.talkSeconds };
    case O.CALL_OUTCOME_MACHINE:
      return { kind: 'AnsweringMachine' };
    case O.CALL_OUTCOME_NO_ANSWER:
      return { kind: 'NoAnswer' };
    // The callee declined the call: as good as busy for when to try again.
    case O.CALL_OUTCOME_BUSY:
    case O.CALL_OUTCOME_REJECTED:
      return { kind: 'Busy' };
    case O.CALL_OUTCOME_INVALID_NUMBER:
      return 'InvalidNumber';
    case O.CALL_OUTCOME_INTERRUPTED:
      return 'Interrupted';
    default:
      // Congestion, network failure, or an outcome this version does not know.
      return { kind: 'Failed' };
  }
};

const endOfCall = (event: callControlV1.CallEnded, now: Date, interruption: InterruptionRetryPolicy): AttemptEnd => {
  const outcome = callOutcomeOf(event);
  const endedAt = event.endedAt ?? now;
  if (outcome === 'InvalidNumber') return { kind: 'Final', outcome, reason: 'InvalidNumber', endedAt };
  if (outcome === 'Interrupted') return { kind: 'Interrupted', outcome, talkSeconds: event.talkSeconds, retry: interruption, endedAt };
  return { kind: 'Call', outcome, talkSeconds: event.talkSeconds, goalCallId: outcome.kind === 'Goal' ? event.callId : null, endedAt };
};

const rejectionReason = (reason: callControlV1.PlaceCallRejectionReason): string =>
  String(reason).replace('PLACE_CALL_REJECTION_REASON_', 'Rejected:');

/**
 * Refusals that say nothing about the contact, only that there was no capacity to call now.
 * TRUNK_UNAVAILABLE is not one: it also means no trunk serves the number, which retrying every
 * few seconds would never change (the campaign would never complete).
 */
const CAPACITY_REJECTIONS: ReadonlySet<callControlV1.PlaceCallRejectionReason> = new Set([callControlV1.PlaceCallRejectionReason.PLACE_CALL_REJECTION_REASON_NO_FREE_CHANNEL]);

/** How long a contact refused for want of capacity waits before it is tried again. */
export const CAPACITY_RETRY_SECONDS = 5;

const endOfRejection = (event: callControlV1.PlaceCallRejected, now: Date): AttemptEnd => {
  const endedAt = event.rejectedAt ?? now;
  if (CAPACITY_REJECTIONS.has(event.reason)) return { kind: 'NotPlaced', outcome: 'Rejected', retryAfterSeconds: CAPACITY_RETRY_SECONDS, endedAt };
  return { kind: 'Final', outcome: 'Rejected', reason: rejectionReason(event.reason), endedAt };
};

async function applyCallEvent(tx: PoolClient, call: CallEvent, now: Date, interruption: InterruptionRetryPolicy): Promise<void> {
  switch (call.type) {
    case 'CallEnded':
      await applyAttemptEnd(tx, call.event.attemptId, endOfCall(call.event, now, interruption), now);
      return;
    case 'PlaceCallRejected':
      await applyAttemptEnd(tx, call.event.attemptId, endOfRejection(call.event, now), now);
      return;
    case 'GoalReached':
      await recordGoal(tx, call.event.callId, call.event.campaignId, call.event.contactId);
      return;
    case 'ContactBlacklisted':
      await finishBlacklistedContact(tx, call.event.campaignId, call.event.contactId);
      // The number is blocked at once for this project's other campaigns, before audiences' own event arrives.
      await addBlacklistEntry(tx, {
        accountId: '',
        projectId: call.event.projectId,
        scope: 'project',
        phone: call.event.phone,
        source: `call:${call.event.callId}`,
        at: call.event.blacklistedAt ?? now,
      });
      return;
    default: {
      const unknown: never = call;
      return unknown;
    }
  }
}

export type CallOutcomesOptions = {
  readonly subscriber: IntegrationEventSubscriber;
  readonly pool: Pool;
  readonly groupPrefix: string;
  readonly clock: Clock;
  /** When and how often a call lost to our infrastructure is dialled again. */
  readonly interruption: InterruptionRetryPolicy;
  /** After an event is applied: report the campaign's progress. */
  readonly afterApplied: (campaignId: string) => Promise<void>;
};

/** Outcomes, redials and finished contacts from call-control's events, once per message. */
export function consumeCallOutcomes(options: CallOutcomesOptions): Promise<IntegrationConsumer> {
  return subscribeIdempotently<CallEvent>({
    subscriber: options.subscriber,
    pool: options.pool,
    group: `${options.groupPrefix}-${CALL_OUTCOMES_CONSUMER}`,
    consumer: CALL_OUTCOMES_CONSUMER,
    topic: CALL_EVENTS_TOPIC,
    decode: decodeCallEvent,
    apply: (call, tx) => applyCallEvent(tx, call, options.clock.now(), options.interruption),
    afterCommit: (call) => options.afterApplied(call.event.campaignId),
  });
}
