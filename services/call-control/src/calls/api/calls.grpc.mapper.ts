import { callControlV1 } from '@zvonar/proto-ts';
import type { CallSummary, CallSummaryStatus } from '../read-model/call-summary.projection';
import type { CallsCursor } from '../read-model/calls.table';
import { toProtoEndedBy, toProtoOutcome, toProtoRejectionReason } from '../../integration/call-events.proto-mapper';

const { CallStatus, CallOutcome, EndedBy, PlaceCallRejectionReason } = callControlV1;

const statuses: Readonly<Record<CallSummaryStatus, callControlV1.CallStatus>> = {
  Requested: CallStatus.CALL_STATUS_REQUESTED,
  Originating: CallStatus.CALL_STATUS_ORIGINATING,
  Ringing: CallStatus.CALL_STATUS_RINGING,
  InProgress: CallStatus.CALL_STATUS_IN_PROGRESS,
  Ended: CallStatus.CALL_STATUS_ENDED,
  Rejected: CallStatus.CALL_STATUS_REJECTED,
};

const date = (iso: string | null): Date | undefined => (iso === null ? undefined : new Date(iso));

export function toProtoCall(summary: CallSummary): callControlV1.Call {
  return {
    callId: summary.callId,
    attemptId: summary.attemptId,
    campaignId: summary.campaignId,
    projectId: summary.projectId,
    contactId: summary.contactId,
    phone: summary.phone,
    scenarioId: summary.scenarioId,
    scenarioVersion: summary.scenarioVersion,
    status: statuses[summary.status],
    outcome: summary.outcome ? toProtoOutcome(summary.outcome) : CallOutcome.CALL_OUTCOME_UNSPECIFIED,
    rejectionReason: summary.rejectionReason ? toProtoRejectionReason(summary.rejectionReason) : PlaceCallRejectionReason.PLACE_CALL_REJECTION_REASON_UNSPECIFIED,
    requestedAt: new Date(summary.requestedAt),
    answeredAt: date(summary.answeredAt),
    endedAt: date(summary.endedAt),
    ringSeconds: summary.ringSeconds,
    talkSeconds: summary.talkSeconds,
    billableSeconds: summary.billableSeconds,
    q850Cause: summary.cause ?? 0,
    sipCode: summary.sipCode ?? 0,
    endedBy: summary.endedBy ? toProtoEndedBy(summary.endedBy) : EndedBy.ENDED_BY_UNSPECIFIED,
    goalReached: summary.goalReached,
    blacklisted: summary.blacklisted,
  };
}

export const encodeCursor = (cursor: CallsCursor | undefined): string =>
  cursor === undefined ? '' : Buffer.from(JSON.stringify([cursor.requestedAt, cursor.callId]), 'utf8').toString('base64url');

/** The cursor of a page token; undefined for a token that is not one of ours (the caller reports the field). */
export function decodeCursor(token: string): CallsCursor | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string' && !Number.isNaN(Date.parse(value[0]))) {
      return { requestedAt: value[0], callId: value[1] };
    }
  } catch {
    // not base64url JSON
  }
  return undefined;
}
