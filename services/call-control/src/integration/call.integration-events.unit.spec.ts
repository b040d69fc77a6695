import type { Checkpoint, RecordedEvent } from '@zvonar/eventsourcing';
import { callControlV1 } from '@zvonar/proto-ts';
import type { CallEnded, CallEvent, CallOutcome } from '../call/domain';
import { CALL_TOPIC } from '../placing/place-call.topics';
import { callIntegrationEvents } from './call.integration-events';

const recorded = <E extends CallEvent>(event: E, revision = 3): RecordedEvent<E> =>
  ({
    ...event,
    metadata: { correlationId: 'attempt-1' },
    id: `event-${revision}`,
    streamId: 'call-attempt-1',
    streamRevision: revision,
    checkpoint: `0/${revision}` as Checkpoint,
    recordedAt: new Date('2026-03-02T10:01:15.000Z'),
  }) as RecordedEvent<E>;

const ended = (outcome: CallOutcome, extra: Partial<CallEnded['data']> = {}): CallEnded => ({
  type: 'CallEnded',
  data: {
    callId: 'attempt-1',
    attemptId: 'attempt-1',
    projectId: 'project-1',
    campaignId: 'campaign-1',
    contactId: 'contact-1',
    phone: '+79991234567',
    outcome,
    cause: 16,
    endedBy: 'Bot',
    goalReached: outcome === 'Goal',
    blacklisted: false,
    answeredAt: '2026-03-02T10:00:06.000Z',
    endedAt: '2026-03-02T10:01:14.200Z',
    ringSeconds: 5,
    talkSeconds: 68.2,
    billableSeconds: 69,
    ...extra,
  },
});

describe('call integration events', () => {
  it('publishes CallEnded on the call topic, keyed by campaign, with the event id as message id', () => {
    const [message] = callIntegrationEvents(recorded(ended('Goal')));
    expect(message).toMatchObject({
      topic: CALL_TOPIC,
      key: 'campaign-1',
      messageId: 'event-3',
      type: 'zvonar.callcontrol.v1.CallEnded',
      headers: { correlationId: 'attempt-1' },
    });
    expect(callControlV1.CallEnded.decode(message!.payload)).toEqual({
      callId: 'attempt-1',
      attemptId: 'attempt-1',
      projectId: 'project-1',
      campaignId: 'campaign-1',
      contactId: 'contact-1',
      phone: '+79991234567',
      outcome: callControlV1.CallOutcome.CALL_OUTCOME_GOAL,
      q850Cause: 16,
      sipCode: 0,
      endedBy: callControlV1.EndedBy.ENDED_BY_BOT,
      failureReason: '',
      goalReached: true,
      blacklisted: false,
      answeredAt: new Date('2026-03-02T10:00:06.000Z'),
      endedAt: new Date('2026-03-02T10:01:14.200Z'),
      ringSeconds: 5,
      talkSeconds: 68.2,
      billableSeconds: 69,
    });
  });

  it.each<[CallOutcome, callControlV1.CallOutcome]>([
    ['Machine', callControlV1.CallOutcome.CALL_OUTCOME_MACHINE],
    ['NoAnswer', callControlV1.CallOutcome.CALL_OUTCOME_NO_ANSWER],
    ['Busy', callControlV1.CallOutcome.CALL_OUTCOME_BUSY],
    ['Interrupted', callControlV1.CallOutcome.CALL_OUTCOME_INTERRUPTED],
  ])('maps the %s outcome to its proto value', (outcome, proto) => {
    const [message] = callIntegrationEvents(
      recorded(ended(outcome, { answeredAt: undefined, sipCode: 486, endedBy: 'Network' })),
    );
    const decoded = callControlV1.CallEnded.decode(message!.payload);
    expect(decoded).toMatchObject({ outcome: proto, sipCode: 486, endedBy: callControlV1.EndedBy.ENDED_BY_NETWORK });
    expect(decoded.answeredAt).toBeUndefined();
  });

  it('publishes a rejection with its typed reason', () => {
    const [message] = callIntegrationEvents(
      recorded(
        {
          type: 'PlaceCallRejected',
          data: {
            callId: 'attempt-1',
            attemptId: 'attempt-1',
            projectId: 'project-1',
            campaignId: 'campaign-1',
            contactId: 'contact-1',
            reason: 'UnknownScenarioVersion',
            detail: 'no such version',
            rejectedAt: '2026-03-02T10:00:00.000Z',
          },
        },
        0,
      ),
    );
    expect(message?.key).toBe('campaign-1');
    expect(callControlV1.PlaceCallRejected.decode(message!.payload)).toMatchObject({
      reason: callControlV1.PlaceCallRejectionReason.PLACE_CALL_REJECTION_REASON_UNKNOWN_SCENARIO_VERSION,
      detail: 'no such version',
    });
  });

  it('publishes what integrations and audiences act on, with the phone and the campaign', () => {
    const at = '2026-03-02T10:00:09.000Z';
    const who = { callId: 'attempt-1', projectId: 'project-1', campaignId: 'campaign-1', contactId: 'contact-1' };
    const messages = [
      recorded({ type: 'GoalReached', data: { ...who, tag: 'lead', at } }),
      recorded({ type: 'ContactBlacklisted', data: { ...who, phone: '+79991234567', scope: 'account', at } }),
      recorded({ type: 'SmsRequested', data: { ...who, phone: '+79991234567', materialId: 'sms-1', at } }),
      recorded({
        type: 'IntegrationRequested',
        data: { ...who, integrationId: 'crm-1', fields: { name: 'Анна' }, at },
      }),
      recorded({
        type: 'RecordingStored',
        data: {
          callId: who.callId,
          projectId: who.projectId,
          campaignId: who.campaignId,
          recordingId: 'rec-1',
          durationSeconds: 12,
          at,
        },
      }),
    ].flatMap(callIntegrationEvents);
    expect(messages.map((message) => [message.type, message.key])).toEqual([
      ['zvonar.callcontrol.v1.GoalReached', 'campaign-1'],
      ['zvonar.callcontrol.v1.ContactBlacklisted', 'campaign-1'],
      ['zvonar.callcontrol.v1.SmsRequested', 'campaign-1'],
      ['zvonar.callcontrol.v1.IntegrationRequested', 'campaign-1'],
      ['zvonar.callcontrol.v1.RecordingStored', 'campaign-1'],
    ]);
    expect(callControlV1.ContactBlacklisted.decode(messages[1]!.payload)).toMatchObject({
      phone: '+79991234567',
      scope: callControlV1.BlacklistScope.BLACKLIST_SCOPE_ACCOUNT,
    });
    expect(callControlV1.IntegrationRequested.decode(messages[3]!.payload)).toMatchObject({
      contactId: 'contact-1',
      fields: { name: 'Анна' },
    });
  });

  it("keeps the call's private facts to itself", () => {
    expect(
      callIntegrationEvents(
        recorded({ type: 'DtmfReceived', data: { callId: 'attempt-1', digit: '1', at: '2026-03-02T10:00:09.000Z' } }),
      ),
    ).toEqual([]);
    expect(
      callIntegrationEvents(
        recorded({ type: 'CallAnswered', data: { callId: 'attempt-1', at: '2026-03-02T10:00:06.000Z' } }),
      ),
    ).toEqual([]);
  });
});
