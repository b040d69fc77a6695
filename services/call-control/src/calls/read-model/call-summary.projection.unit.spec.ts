import type { CallEvent } from '../../call/domain';
import { evolveCallSummary, type CallSummary } from './call-summary.projection';

const callId = 'attempt-1';
const who = { callId, attemptId: callId, projectId: 'project-1', campaignId: 'campaign-1', contactId: 'contact-1' };
const at = (seconds: number) => new Date(Date.UTC(2026, 2, 2, 10, 0, seconds)).toISOString();
const fold = (events: readonly CallEvent[]): CallSummary | null => events.reduce<CallSummary | null>(evolveCallSummary, null);

const requested: CallEvent = {
  type: 'CallRequested',
  data: { ...who, phone: '+79991234567', scenario: { scenarioId: 'scenario-1', version: 2 }, trunkId: 'default', callerId: '+74950000000', channelId: `zvc-${callId}`, requestedAt: at(0) },
};

describe('call summary', () => {
  it('follows a call from the request to its end', () => {
    expect(fold([requested])).toMatchObject({ status: 'Requested', phone: '+79991234567', scenarioVersion: 2, outcome: null, requestedAt: at(0) });
    expect(fold([requested, { type: 'CallOriginated', data: { callId, channelId: `zvc-${callId}`, originatedAt: at(0) } }, { type: 'CallRinging', data: { callId, at: at(1) } }])).toMatchObject({ status: 'Ringing' });
    const live = [requested, { type: 'CallAnswered', data: { callId, at: at(6) } } as const, { type: 'GoalReached', data: { ...who, at: at(9) } } as const];
    expect(fold(live)).toMatchObject({ status: 'InProgress', answeredAt: at(6), goalReached: true });
    const summary = fold([
      ...live,
      {
        type: 'CallEnded',
        data: { ...who, phone: '+79991234567', outcome: 'Goal', cause: 16, endedBy: 'Bot', goalReached: true, blacklisted: false, answeredAt: at(6), endedAt: at(20), ringSeconds: 5, talkSeconds: 14, billableSeconds: 14 },
      },
    ]);
    expect(summary).toMatchObject({ status: 'Ended', outcome: 'Goal', endedAt: at(20), talkSeconds: 14, billableSeconds: 14, cause: 16, sipCode: null, endedBy: 'Bot' });
  });

  it('lists a refused attempt as rejected with its reason', () => {
    expect(fold([{ type: 'PlaceCallRejected', data: { ...who, reason: 'InvalidNumber', detail: '12 is not an E.164 number', rejectedAt: at(0) } }])).toMatchObject({
      status: 'Rejected',
      rejectionReason: 'InvalidNumber',
      outcome: null,
      requestedAt: at(0),
    });
  });

  it('knows nothing of a call before its first event', () => {
    expect(evolveCallSummary(null, { type: 'CallAnswered', data: { callId, at: at(6) } })).toBeNull();
  });
});
