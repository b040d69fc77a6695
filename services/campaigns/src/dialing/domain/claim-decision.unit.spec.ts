import { resolveSchedule } from '../../calling-window/domain';
import { decideClaim, type ClaimCandidate, type ClaimContext } from './claim-decision';
import { createPacer } from './pacer';
import { DEFAULT_REDIAL_RULES } from './redial-rules';
import type { DialPlan } from './dial-plan';

/** Monday 2 March 2026, 04:30 UTC: Yekaterinburg 09:30 (open), Moscow 07:30 (opens 05:00 UTC). */
const NOW = Date.parse('2026-03-02T04:30:00Z');
const plan: DialPlan = {
  projectId: 'p',
  scenarioId: 's',
  scenarioVersion: 1,
  audienceIds: [],
  blacklistIds: [],
  callerNumbers: ['+74950000000'],
  carouselNumbers: ['+74951111111'],
  trunkId: '',
  pace: { callsPerSecond: 1, callsPerHour: 3600, burst: 1 },
  concurrencyCap: 2,
  redialRules: DEFAULT_REDIAL_RULES,
  schedule: resolveSchedule({ startDate: '2026-03-01', startTime: '00:00', timeZone: 'Europe/Moscow', dailyWindow: null, weekdays: [1, 2, 3, 4, 5, 6, 7] }),
  answerWaitSeconds: 27,
  actionWaitSeconds: 7,
  record: true,
  detectMachine: true,
  leaseMs: 60_000,
};
const contact = (contactIndex: number, zone: string, overrides: Partial<ClaimCandidate> = {}): ClaimCandidate => ({
  contactIndex,
  state: 'waiting',
  attempt: 0,
  roundBase: 0,
  carouselNext: false,
  phone: `+7916000000${contactIndex}`,
  timeZones: [zone],
  ...overrides,
});
const context = (overrides: Partial<ClaimContext> = {}): ClaimContext => ({ campaignId: 'c', plan, nowMs: NOW, inFlight: 0, pacer: createPacer(plan.pace), blocked: new Set(), ...overrides });

describe('decideClaim', () => {
  it('given an idle pacer, dials one contact and stops at the pace, keeping due order', () => {
    const { actions } = decideClaim([contact(0, 'Asia/Yekaterinburg'), contact(1, 'Asia/Yekaterinburg')], context());
    expect(actions).toEqual([{ kind: 'Dial', contactIndex: 0, attempt: 1, attemptId: 'c:0:1', resend: false, callerId: '+74950000000', leaseUntilMs: NOW + 60_000 }]);
  });

  it('moves a contact outside its local window to the opening, finishes blocked, zone-less and spent contacts', () => {
    const { actions } = decideClaim(
      [contact(0, 'Europe/Moscow'), contact(1, 'Asia/Yekaterinburg', { phone: '+70000000000' }), { ...contact(2, 'x'), timeZones: [] }, contact(3, 'Asia/Yekaterinburg', { attempt: 3, roundBase: 0 })],
      context({ blocked: new Set(['+70000000000']) }),
    );
    expect(actions).toEqual([
      { kind: 'Later', contactIndex: 0, atMs: Date.parse('2026-03-02T05:00:00Z') },
      { kind: 'Finish', contactIndex: 1, reason: 'Blocked' },
      { kind: 'Finish', contactIndex: 2, reason: 'NoTimeZone' },
      { kind: 'Finish', contactIndex: 3, reason: 'MaxAttempts' },
    ]);
  });

  it('re-sends an expired lease with the same attempt id and the carousel number it was given', () => {
    const { actions, inFlight } = decideClaim([contact(0, 'Asia/Yekaterinburg', { state: 'leased', attempt: 2, carouselNext: true })], context({ inFlight: 2 }));
    expect(actions).toEqual([{ kind: 'Dial', contactIndex: 0, attempt: 2, attemptId: 'c:0:2', resend: true, callerId: '+74951111111', leaseUntilMs: NOW + 60_000 }]);
    expect(inFlight).toBe(2);
  });

  it('at the concurrency cap dials nothing, and an expired lease held back gives its slot up', () => {
    const { actions } = decideClaim([contact(0, 'Asia/Yekaterinburg'), contact(1, 'Asia/Yekaterinburg', { state: 'leased', attempt: 1 })], context({ inFlight: 3 }));
    expect(actions).toEqual([]);
    const expired = decideClaim([contact(1, 'Asia/Yekaterinburg', { state: 'leased', attempt: 1 })], context({ inFlight: 3 }));
    expect(expired.actions).toEqual([{ kind: 'Unconfirmed', contactIndex: 1 }]);
  });
});
