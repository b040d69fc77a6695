import type { CallEvent, CallOutcome, EndedBy, PlaceCallRejectionReason } from '../../call/domain';

export type CallSummaryStatus = 'Requested' | 'Originating' | 'Ringing' | 'InProgress' | 'Ended' | 'Rejected';

/** One row of the calls list and the head of a call's detail. */
export type CallSummary = {
  readonly callId: string;
  readonly attemptId: string;
  readonly projectId: string;
  readonly campaignId: string;
  readonly contactId: string;
  readonly phone: string;
  readonly scenarioId: string;
  readonly scenarioVersion: number;
  readonly status: CallSummaryStatus;
  readonly outcome: CallOutcome | null;
  readonly rejectionReason: PlaceCallRejectionReason | null;
  readonly requestedAt: string;
  readonly answeredAt: string | null;
  readonly endedAt: string | null;
  readonly ringSeconds: number;
  readonly talkSeconds: number;
  readonly billableSeconds: number;
  readonly cause: number | null;
  readonly sipCode: number | null;
  readonly endedBy: EndedBy | null;
  readonly goalReached: boolean;
  readonly blacklisted: boolean;
  /** The call-control process that ran the call: a sweep ends open calls whose process is gone. */
  readonly hostId: string | null;
};

const blank = { hostId: null, outcome: null, rejectionReason: null, answeredAt: null, endedAt: null, ringSeconds: 0, talkSeconds: 0, billableSeconds: 0, cause: null, sipCode: null, endedBy: null, goalReached: false, blacklisted: false } as const;

const whoOf = (data: { callId: string; attemptId: string; projectId: string; campaignId: string; contactId: string }) => ({
  callId: data.callId,
  attemptId: data.attemptId,
  projectId: data.projectId,
  campaignId: data.campaignId,
  contactId: data.contactId,
});

/**
 * The summary after one more event of the call's stream (pure; the same function folds a stream
 * for GetCall and feeds the calls table). Null until the call's first event.
 */
export function evolveCallSummary(summary: CallSummary | null, event: CallEvent): CallSummary | null {
  if (event.type === 'CallRequested') {
    const { data } = event;
    return {
      ...blank,
      ...whoOf(data),
      phone: data.phone,
      scenarioId: data.scenario.scenarioId,
      scenarioVersion: data.scenario.version,
      status: 'Requested',
      hostId: data.hostId ?? null,
      requestedAt: data.requestedAt,
    };
  }
  if (event.type === 'PlaceCallRejected') {
    const { data } = event;
    return {
      ...blank,
      ...whoOf(data),
      phone: '',
      scenarioId: '',
      scenarioVersion: 0,
      status: 'Rejected',
      rejectionReason: data.reason,
      requestedAt: data.rejectedAt,
    };
  }
  if (!summary) return null;
  switch (event.type) {
    case 'CallOriginated':
      return summary.status === 'Requested' ? { ...summary, status: 'Originating' } : summary;
    case 'CallRinging':
      return { ...summary, status: 'Ringing' };
    case 'CallAnswered':
      return { ...summary, status: 'InProgress', answeredAt: event.data.at };
    case 'GoalReached':
      return { ...summary, goalReached: true };
    case 'ContactBlacklisted':
      return { ...summary, blacklisted: true };
    case 'CallEnded': {
      const { data } = event;
      return {
        ...summary,
        status: 'Ended',
        outcome: data.outcome,
        answeredAt: data.answeredAt ?? null,
        endedAt: data.endedAt,
        ringSeconds: data.ringSeconds,
        talkSeconds: data.talkSeconds,
        billableSeconds: data.billableSeconds,
        cause: data.cause,
        sipCode: data.sipCode ?? null,
        endedBy: data.endedBy,
        goalReached: data.goalReached,
        blacklisted: data.blacklisted,
      };
    }
    default:
      return summary;
  }
}
