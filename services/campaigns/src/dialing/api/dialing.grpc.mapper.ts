import { campaignsV1 } from '@zvonar/proto-ts';
import type { AttemptOutcomeFilter, AttemptView, CampaignReport, StoredOutcome } from '../infrastructure/dialing-report.queries';

const A = campaignsV1.AttemptOutcome;

const TO_PROTO: Record<StoredOutcome, campaignsV1.AttemptOutcome> = {
  Answered: A.ATTEMPT_OUTCOME_ANSWERED,
  Goal: A.ATTEMPT_OUTCOME_GOAL,
  Blacklisted: A.ATTEMPT_OUTCOME_BLACKLISTED,
  AnsweringMachine: A.ATTEMPT_OUTCOME_ANSWERING_MACHINE,
  NoAnswer: A.ATTEMPT_OUTCOME_NO_ANSWER,
  Busy: A.ATTEMPT_OUTCOME_BUSY,
  Failed: A.ATTEMPT_OUTCOME_FAILED,
  Rejected: A.ATTEMPT_OUTCOME_REJECTED,
  InvalidNumber: A.ATTEMPT_OUTCOME_INVALID_NUMBER,
  Interrupted: A.ATTEMPT_OUTCOME_INTERRUPTED,
};

const FROM_PROTO = new Map<campaignsV1.AttemptOutcome, AttemptOutcomeFilter>([
  [A.ATTEMPT_OUTCOME_PENDING, 'Pending'],
  ...Object.entries(TO_PROTO).map(([outcome, proto]) => [proto, outcome as StoredOutcome] as const),
]);

/** The filter's outcomes; UNSPECIFIED (or an unknown value) filters nothing out. */
export const outcomeFilterFromProto = (outcomes: readonly campaignsV1.AttemptOutcome[]): AttemptOutcomeFilter[] =>
  outcomes.flatMap((outcome) => {
    const known = FROM_PROTO.get(outcome);
    return known ? [known] : [];
  });

export const toProtoAttempt = (attempt: AttemptView): campaignsV1.Attempt => ({
  attemptId: attempt.attemptId,
  contactIndex: attempt.contactIndex,
  attemptNumber: attempt.attempt,
  phone: attempt.phone,
  timeZone: attempt.timeZone,
  placedAt: attempt.placedAt,
  sends: attempt.sends,
  outcome: attempt.outcome ? TO_PROTO[attempt.outcome] : A.ATTEMPT_OUTCOME_PENDING,
  endedAt: attempt.endedAt ?? undefined,
  talkSeconds: attempt.talkSeconds,
  redialScheduled: attempt.redialScheduled,
});

export const toProtoReport = (report: CampaignReport): campaignsV1.GetCampaignReportResponse => ({
  totalContacts: report.totalContacts,
  finishedContacts: report.contacts.finished,
  audienceLoaded: report.audienceLoaded,
  duplicatesSkipped: report.duplicatesSkipped,
  contacts: report.contacts,
  calls: report.calls,
});
