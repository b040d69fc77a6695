import { callControlV1 } from '@zvonar/proto-ts';
import type {
  CallEnded,
  CallOutcome,
  ContactBlacklisted,
  EndedBy,
  GoalReached,
  IntegrationRequested,
  PlaceCallRejected,
  PlaceCallRejectionReason,
  RecordingStored,
  SmsRequested,
} from '../call/domain';

const { CallOutcome: ProtoOutcome, EndedBy: ProtoEndedBy, PlaceCallRejectionReason: ProtoReason, BlacklistScope } = callControlV1;

// Records over the domain unions: adding an outcome without its proto value fails to compile.
const outcomes: Readonly<Record<CallOutcome, callControlV1.CallOutcome>> = {
  Goal: ProtoOutcome.CALL_OUTCOME_GOAL,
  Blacklist: ProtoOutcome.CALL_OUTCOME_BLACKLIST,
  Transferred: ProtoOutcome.CALL_OUTCOME_TRANSFERRED,
  Machine: ProtoOutcome.CALL_OUTCOME_MACHINE,
  Completed: ProtoOutcome.CALL_OUTCOME_COMPLETED,
  Dropped: ProtoOutcome.CALL_OUTCOME_DROPPED,
  NoAnswer: ProtoOutcome.CALL_OUTCOME_NO_ANSWER,
  Busy: ProtoOutcome.CALL_OUTCOME_BUSY,
  Rejected: ProtoOutcome.CALL_OUTCOME_REJECTED,
  Congestion: ProtoOutcome.CALL_OUTCOME_CONGESTION,
  InvalidNumber: ProtoOutcome.CALL_OUTCOME_INVALID_NUMBER,
  Failed: ProtoOutcome.CALL_OUTCOME_FAILED,
  Interrupted: ProtoOutcome.CALL_OUTCOME_INTERRUPTED,
};

const endedBy: Readonly<Record<EndedBy, callControlV1.EndedBy>> = {
  Callee: ProtoEndedBy.ENDED_BY_CALLEE,
  Bot: ProtoEndedBy.ENDED_BY_BOT,
  Network: ProtoEndedBy.ENDED_BY_NETWORK,
  System: ProtoEndedBy.ENDED_BY_SYSTEM,
};

const reasons: Readonly<Record<PlaceCallRejectionReason, callControlV1.PlaceCallRejectionReason>> = {
  UnknownScenarioVersion: ProtoReason.PLACE_CALL_REJECTION_REASON_UNKNOWN_SCENARIO_VERSION,
  InvalidNumber: ProtoReason.PLACE_CALL_REJECTION_REASON_INVALID_NUMBER,
  NoFreeChannel: ProtoReason.PLACE_CALL_REJECTION_REASON_NO_FREE_CHANNEL,
  TrunkUnavailable: ProtoReason.PLACE_CALL_REJECTION_REASON_TRUNK_UNAVAILABLE,
  CallerIdNotAllowed: ProtoReason.PLACE_CALL_REJECTION_REASON_CALLER_ID_NOT_ALLOWED,
};

export const toProtoOutcome = (outcome: CallOutcome): callControlV1.CallOutcome => outcomes[outcome];
export const toProtoEndedBy = (by: EndedBy): callControlV1.EndedBy => endedBy[by];
export const toProtoRejectionReason = (reason: PlaceCallRejectionReason): callControlV1.PlaceCallRejectionReason => reasons[reason];

/** The domain outcome of a proto one (ListCalls filters); undefined for UNSPECIFIED. */
export const fromProtoOutcome = (outcome: callControlV1.CallOutcome): CallOutcome | undefined =>
  (Object.entries(outcomes) as [CallOutcome, callControlV1.CallOutcome][]).find(([, proto]) => proto === outcome)?.[0];

export const callEndedMessage = ({ data }: CallEnded): callControlV1.CallEnded => ({
  callId: data.callId,
  attemptId: data.attemptId,
  projectId: data.projectId,
  campaignId: data.campaignId,
  contactId: data.contactId,
  outcome: toProtoOutcome(data.outcome),
  q850Cause: data.cause,
  sipCode: data.sipCode ?? 0,
  endedBy: toProtoEndedBy(data.endedBy),
  failureReason: data.failureReason ?? '',
  goalReached: data.goalReached,
  blacklisted: data.blacklisted,
  answeredAt: data.answeredAt === undefined ? undefined : new Date(data.answeredAt),
  endedAt: new Date(data.endedAt),
  ringSeconds: data.ringSeconds,
  talkSeconds: data.talkSeconds,
  billableSeconds: data.billableSeconds,
  phone: data.phone,
});

export const placeCallRejectedMessage = ({ data }: PlaceCallRejected): callControlV1.PlaceCallRejected => ({
  callId: data.callId,
  attemptId: data.attemptId,
  projectId: data.projectId,
  campaignId: data.campaignId,
  contactId: data.contactId,
  reason: toProtoRejectionReason(data.reason),
  detail: data.detail,
  rejectedAt: new Date(data.rejectedAt),
});

export const goalReachedMessage = ({ data }: GoalReached): callControlV1.GoalReached => ({
  callId: data.callId,
  projectId: data.projectId,
  campaignId: data.campaignId,
  contactId: data.contactId,
  tag: data.tag ?? '',
  reachedAt: new Date(data.at),
});

export const contactBlacklistedMessage = ({ data }: ContactBlacklisted): callControlV1.ContactBlacklisted => ({
  callId: data.callId,
  projectId: data.projectId,
  campaignId: data.campaignId,
  contactId: data.contactId,
  phone: data.phone,
  scope: data.scope === 'account' ? BlacklistScope.BLACKLIST_SCOPE_ACCOUNT : BlacklistScope.BLACKLIST_SCOPE_PROJECT,
  blacklistedAt: new Date(data.at),
});

export const smsRequestedMessage = ({ data }: SmsRequested): callControlV1.SmsRequested => ({
  callId: data.callId,
  projectId: data.projectId,
  campaignId: data.campaignId,
  contactId: data.contactId,
  phone: data.phone,
  materialId: data.materialId,
  requestedAt: new Date(data.at),
});

export const integrationRequestedMessage = ({ data }: IntegrationRequested): callControlV1.IntegrationRequested => ({
  callId: data.callId,
  projectId: data.projectId,
  campaignId: data.campaignId,
  contactId: data.contactId,
  integrationId: data.integrationId,
  fields: { ...data.fields },
  requestedAt: new Date(data.at),
});

export const recordingStoredMessage = ({ data }: RecordingStored): callControlV1.RecordingStored => ({
  callId: data.callId,
  projectId: data.projectId,
  recordingId: data.recordingId,
  durationSeconds: data.durationSeconds,
  storedAt: new Date(data.at),
});
