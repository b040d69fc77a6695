import type { CallCommand, CallEvent, CallObservation, CallRequested, ObserveCall, PlaceCall } from '../../src/call/domain';
import { channelIdOf } from '../../src/call/domain';

// Test data builders for the Call aggregate: valid defaults, Partial overrides.

export const T0 = new Date('2026-03-02T10:00:00.000Z');
/** `T0` plus `ms`, as the ISO string the events carry. */
export const at = (ms: number): string => new Date(T0.getTime() + ms).toISOString();

let attempts = 0;
export const anAttemptId = (): string => `attempt-${(attempts += 1)}`;

export const placeCall = (overrides: Partial<PlaceCall['data']> = {}, now: Date = T0): PlaceCall => ({
  type: 'PlaceCall',
  data: {
    attemptId: 'attempt-1',
    projectId: 'project-1',
    campaignId: 'campaign-1',
    contact: { id: 'contact-1', phone: '+79991234567' },
    scenario: { scenarioId: 'scenario-1', version: 1 },
    trunkId: 'trunk-default',
    callerId: '+74950001122',
    checks: { scenarioVersionFound: true, freeChannel: true },
    ...overrides,
  },
  metadata: { now },
});

export const aCallRequested = (overrides: Partial<CallRequested['data']> = {}): CallRequested => {
  const attemptId = overrides.attemptId ?? 'attempt-1';
  return {
    type: 'CallRequested',
    data: {
      callId: attemptId,
      attemptId,
      projectId: 'project-1',
      campaignId: 'campaign-1',
      contactId: 'contact-1',
      phone: '+79991234567',
      scenario: { scenarioId: 'scenario-1', version: 1 },
      trunkId: 'trunk-default',
      callerId: '+74950001122',
      channelId: channelIdOf(attemptId),
      requestedAt: at(0),
      ...overrides,
    },
  };
};

const callId = 'attempt-1';
export const aCallOriginated = (ms = 50): CallEvent => ({ type: 'CallOriginated', data: { callId, channelId: channelIdOf(callId), originatedAt: at(ms) } });
export const aCallRinging = (ms = 1_000): CallEvent => ({ type: 'CallRinging', data: { callId, at: at(ms) } });
export const aCallAnswered = (ms = 6_000): CallEvent => ({ type: 'CallAnswered', data: { callId, at: at(ms) } });

/** The events of a call that was requested, originated, rang from 1 s and was answered at 6 s. */
export const anAnsweredCall = (): CallEvent[] => [aCallRequested(), aCallOriginated(), aCallRinging(), aCallAnswered()];

export const observeCall = (...observations: CallObservation[]): ObserveCall => ({ type: 'ObserveCall', data: { observations }, metadata: { now: T0 } });

export const command = <C extends CallCommand>(type: C['type'], data: C['data']): C => ({ type, data, metadata: { now: T0 } }) as C;
