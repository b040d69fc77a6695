import { aDialer, MONDAY_10_MSK, NO_ZONE, withContacts } from '../../../test/mothers/dialer.mother';
import { decideDials, recordOutcome, requeueUnreached, withActive, withBlockList, type Dial, type DialerFact, type DialerState, type OutcomeReport } from './dialer';
import { DEFAULT_REDIAL_RULES, type CallOutcome, type RedialRules } from './redial-rules';

const T0 = MONDAY_10_MSK;
const SECOND = 1000;

/** Steps at every wake-up in [now, now + 100 ms): the default pace (1,000/s) spaces dials 1 ms apart. */
const drain = (initial: DialerState, now: number) => {
  let state = initial;
  const dials: Dial[] = [];
  const facts: DialerFact[] = [];
  for (let at: number | null = now; at !== null && at < now + 100; ) {
    const step = decideDials(state, at);
    dials.push(...step.dials);
    facts.push(...step.facts);
    state = step.state;
    at = step.wakeAtMs !== null && step.wakeAtMs > at ? step.wakeAtMs : null;
  }
  return { dials, facts, state };
};

/** Dials once at `now`, reports `outcome` for every dial, returns the next state and what happened. */
const dialAndEnd = (state: DialerState, now: number, outcome: OutcomeReport['outcome']) => {
  const step = drain(state, now);
  let next = step.state;
  const facts = [...step.facts];
  for (const dial of step.dials) {
    const reaction = recordOutcome(next, { contactIndex: dial.contactIndex, attempt: dial.attempt, outcome }, now + 30 * SECOND);
    next = reaction.state;
    facts.push(...reaction.facts);
  }
  return { dials: step.dials, facts, state: next };
};

const rules = (overrides: Partial<RedialRules>): RedialRules => ({ ...DEFAULT_REDIAL_RULES, ...overrides });

describe('Dialer', () => {
  describe('when contacts are due', () => {
    it('dispatches them in due order with attempt ids made of campaign, contact and attempt number', () => {
      const state = withContacts(aDialer(), 2, T0);
      const { dials } = drain(state, T0);
      expect(dials.map((dial) => [dial.attemptId, dial.contactId, dial.attempt, dial.resend])).toEqual([
        ['c1:0:1', 'contact-0', 1, false],
        ['c1:1:1', 'contact-1', 1, false],
      ]);
    });

    it('dispatches nothing before they are due', () => {
      const state = withContacts(aDialer(), 1, T0 + SECOND);
      expect(decideDials(state, T0)).toMatchObject({ dials: [], wakeAtMs: T0 + SECOND });
    });

    it('keeps in flight no more calls than the concurrency cap', () => {
      const state = withContacts(aDialer({ settings: { concurrencyCap: 3 } }), 10, T0);
      const first = drain(state, T0);
      const second = drain(first.state, T0 + SECOND);
      expect(first.dials).toHaveLength(3);
      expect(second.dials).toHaveLength(0);
      const freed = recordOutcome(second.state, { contactIndex: 0, attempt: 1, outcome: { kind: 'Goal' } }, T0 + 2 * SECOND);
      expect(decideDials(freed.state, T0 + 2 * SECOND).dials.map((dial) => dial.contactIndex)).toEqual([3]);
    });

    it('checks the block list at dial time, not at load time', () => {
      const state = withContacts(aDialer(), 2, T0 + SECOND);
      const blocked = withBlockList(state, new Set([state.table.phones[0]!]));
      const step = drain(blocked, T0 + SECOND);
      expect(step.dials.map((dial) => dial.contactIndex)).toEqual([1]);
      expect(step.facts).toContainEqual({ type: 'ContactFinished', contactIndex: 0, reason: 'Blocked' });
    });

    it('skips a contact without a time zone with the reason', () => {
      const state = withContacts(aDialer(), 1, T0, NO_ZONE);
      expect(decideDials(state, T0)).toMatchObject({ dials: [], facts: [{ type: 'ContactFinished', contactIndex: 0, reason: 'NoTimeZone' }] });
    });

    it('moves a contact outside its local window to the window opening', () => {
      const state = withContacts(aDialer({ schedule: { dailyWindow: { from: '12:00', to: '13:00' } } }), 1, T0);
      const early = decideDials(state, T0);
      expect(early).toMatchObject({ dials: [], wakeAtMs: T0 + 2 * 3600 * SECOND });
      expect(decideDials(early.state, T0 + 2 * 3600 * SECOND).dials).toHaveLength(1);
    });
  });

  describe('when the campaign is paused', () => {
    it('dispatches nothing, and resuming never re-dials a finished contact', () => {
      const state = withContacts(aDialer(), 2, T0);
      const done = dialAndEnd(state, T0, { kind: 'Goal' });
      const paused = withActive(withContacts(done.state, 1, T0), false);
      expect(decideDials(paused, T0 + SECOND).dials).toEqual([]);
      const resumed = drain(withActive(paused, true), T0 + 2 * SECOND);
      expect(resumed.dials.map((dial) => dial.contactIndex)).toEqual([2]);
    });
  });

  describe('when a lease expires without an outcome', () => {
    it('re-sends the same attempt id, never a new one', () => {
      const state = withContacts(aDialer({ settings: { leaseMs: 60 * SECOND } }), 1, T0);
      const first = decideDials(state, T0);
      const again = decideDials(first.state, T0 + 60 * SECOND);
      expect(again.facts).toEqual([{ type: 'LeaseExpired', contactIndex: 0, attemptId: 'c1:0:1' }]);
      expect(again.dials).toMatchObject([{ attemptId: first.dials[0]!.attemptId, attempt: 1, resend: true }]);
    });

    it('waits for the window to open before re-sending the same attempt id', () => {
      const state = withContacts(aDialer({ settings: { leaseMs: 60 * SECOND }, schedule: { dailyWindow: { from: '10:00', to: '10:01' } } }), 1, T0);
      const first = decideDials(state, T0);
      const expired = decideDials(first.state, T0 + 60 * SECOND);
      expect(expired.dials).toEqual([]);
      const nextDay = decideDials(expired.state, T0 + 24 * 3600 * SECOND);
      expect(nextDay.dials).toMatchObject([{ attemptId: 'c1:0:1', resend: true }]);
    });

    it('accepts the late outcome of the re-sent attempt once, and ignores a duplicate', () => {
      const state = withContacts(aDialer({ settings: { leaseMs: 60 * SECOND } }), 1, T0);
      const resent = decideDials(decideDials(state, T0).state, T0 + 60 * SECOND);
      const report = { contactIndex: 0, attempt: 1, outcome: { kind: 'Goal' } as const };
      const recorded = recordOutcome(resent.state, report, T0 + 90 * SECOND);
      expect(recorded.facts.map((fact) => fact.type)).toEqual(['OutcomeRecorded', 'ContactFinished']);
      expect(recordOutcome(recorded.state, report, T0 + 91 * SECOND).facts).toEqual([]);
      expect(recorded.state.table.inFlight).toBe(0);
    });
  });

  describe('when calls end', () => {
    it('redials no answer at its interval up to 3 attempts by default, then finishes the contact', () => {
      let state = withContacts(aDialer(), 1, T0);
      const attempts: number[] = [];
      let now = T0;
      for (let round = 0; round < 5; round += 1) {
        const result = dialAndEnd(state, now, { kind: 'NoAnswer' });
        attempts.push(...result.dials.map((dial) => dial.attempt));
        state = result.state;
        now += 30 * SECOND + DEFAULT_REDIAL_RULES.noAnswer.intervalSeconds * SECOND;
      }
      expect(attempts).toEqual([1, 2, 3]);
      expect(state.table.finished).toBe(1);
    });

    it('never redials within the interval of the rule for the outcome', () => {
      const state = withContacts(aDialer({ settings: { redialRules: rules({ busy: { attempts: 2, intervalSeconds: 120 } }) } }), 1, T0);
      const busy = dialAndEnd(state, T0, { kind: 'Busy' });
      expect(busy.facts).toContainEqual({ type: 'RedialScheduled', contactIndex: 0, atMs: T0 + 150 * SECOND, carousel: false });
      expect(decideDials(busy.state, T0 + 149 * SECOND).dials).toEqual([]);
      expect(decideDials(busy.state, T0 + 150 * SECOND).dials).toMatchObject([{ attempt: 2 }]);
    });

    it.each<[string, CallOutcome, Partial<RedialRules>, boolean]>([
      ['answering machine with attempts 1', { kind: 'AnsweringMachine' }, {}, false],
      ['answering machine with attempts 2', { kind: 'AnsweringMachine' }, { answeringMachine: { attempts: 2, intervalSeconds: 60 } }, true],
      ['a short call under N seconds', { kind: 'Answered', talkSeconds: 3 }, { shortCall: { attempts: 2, intervalSeconds: 60, underSeconds: 5 } }, true],
      ['an answered call of N seconds', { kind: 'Answered', talkSeconds: 5 }, { shortCall: { attempts: 2, intervalSeconds: 60, underSeconds: 5 } }, false],
      ['a failure or congestion', { kind: 'Failed' }, {}, true],
      ['a goal', { kind: 'Goal' }, {}, false],
      ['a blacklist request', { kind: 'Blacklisted' }, {}, false],
    ])('after %s, redials: %s', (_name, outcome, overrides, redials) => {
      const state = withContacts(aDialer({ settings: { redialRules: rules(overrides) } }), 1, T0);
      const ended = dialAndEnd(state, T0, outcome);
      expect(ended.facts.some((fact) => fact.type === 'RedialScheduled')).toBe(redials);
      expect(ended.state.table.finished).toBe(redials ? 0 : 1);
    });

    it('adds one carousel attempt from a carousel number once the rule runs out', () => {
      const carousel = rules({ noAnswer: { attempts: 1, intervalSeconds: 60 }, carouselExtraAttempt: true });
      const state = withContacts(aDialer({ settings: { redialRules: carousel, carouselNumbers: ['+74950000001', '+74950000002'] } }), 1, T0);
      const first = dialAndEnd(state, T0, { kind: 'NoAnswer' });
      const second = dialAndEnd(first.state, T0 + 90 * SECOND, { kind: 'NoAnswer' });
      const third = decideDials(second.state, T0 + 200 * SECOND);
      expect(first.dials).toMatchObject([{ attempt: 1, carouselNumber: null }]);
      expect(second.dials).toMatchObject([{ attempt: 2 }]);
      expect(['+74950000001', '+74950000002']).toContain(second.dials[0]!.carouselNumber);
      expect(second.facts).toContainEqual({ type: 'ContactFinished', contactIndex: 0, reason: 'Exhausted' });
      expect(third.dials).toEqual([]);
    });

    it('ignores the outcome of an older attempt and of a finished contact', () => {
      const state = withContacts(aDialer(), 1, T0);
      const ended = dialAndEnd(state, T0, { kind: 'Goal' });
      expect(recordOutcome(ended.state, { contactIndex: 0, attempt: 1, outcome: { kind: 'NoAnswer' } }, T0 + 60 * SECOND).facts).toEqual([]);
      expect(decideDials(ended.state, T0 + 3600 * SECOND).dials).toEqual([]);
    });
  });

  describe('when a call is lost to our infrastructure (interrupted)', () => {
    const interrupted = { kind: 'Interrupted' } as const;
    const oneAttempt = rules({ noAnswer: { attempts: 1, intervalSeconds: 600 }, busy: { attempts: 1, intervalSeconds: 600 } });
    const policy = { retryAfterMs: 60 * SECOND, maxRetries: 2 };

    it('given a contact with one attempt allowed, when its call is interrupted, then it is dialled again after the delay under a new attempt id without using its attempt', () => {
      const first = dialAndEnd(withContacts(aDialer({ settings: { redialRules: oneAttempt, interruption: policy } }), 1, T0), T0, interrupted);
      expect(first.facts).toContainEqual({ type: 'RedialScheduled', contactIndex: 0, atMs: T0 + 90 * SECOND, carousel: false });
      expect(decideDials(first.state, T0 + 90 * SECOND - 1).dials).toEqual([]);

      const retry = dialAndEnd(first.state, T0 + 90 * SECOND, { kind: 'NoAnswer' });
      expect(retry.dials.map((dial) => dial.attemptId)).toEqual(['c1:0:2']);
      // No answer ends the contact: the retry was its one attempt, the interruption used none.
      expect(retry.facts).toContainEqual({ type: 'ContactFinished', contactIndex: 0, reason: 'Exhausted' });
    });

    it('given a trunk that keeps failing, when every call is interrupted, then the contact is retried twice and ends as Interrupted', () => {
      let state = withContacts(aDialer({ settings: { redialRules: oneAttempt, interruption: policy } }), 1, T0);
      const attemptIds: string[] = [];
      const facts: DialerFact[] = [];
      for (let round = 0, at = T0; round < 4; round += 1, at += 120 * SECOND) {
        const step = dialAndEnd(state, at, interrupted);
        attemptIds.push(...step.dials.map((dial) => dial.attemptId));
        facts.push(...step.facts);
        state = step.state;
      }
      expect(attemptIds).toEqual(['c1:0:1', 'c1:0:2', 'c1:0:3']);
      expect(facts.filter((fact) => fact.type === 'ContactFinished')).toEqual([{ type: 'ContactFinished', contactIndex: 0, reason: 'Interrupted' }]);
      expect(state.table.inFlight).toBe(0);
      expect(state.table.finished).toBe(1);
    });

    it('given a paused campaign, when the retry falls due, then it waits for the resume', () => {
      const first = dialAndEnd(withContacts(aDialer({ settings: { interruption: policy } }), 1, T0), T0, interrupted);
      const paused = withActive(first.state, false);
      expect(decideDials(paused, T0 + 10 * 60 * SECOND).dials).toEqual([]);
      expect(drain(withActive(paused, true), T0 + 11 * 60 * SECOND).dials.map((dial) => dial.attemptId)).toEqual(['c1:0:2']);
    });

    it('given a contact retried for interruptions, when the campaign restarts, then its new round may be retried again', () => {
      const noRetry = { retryAfterMs: 60 * SECOND, maxRetries: 1 };
      const once = dialAndEnd(withContacts(aDialer({ settings: { redialRules: oneAttempt, interruption: noRetry } }), 1, T0), T0, interrupted);
      const ended = dialAndEnd(once.state, T0 + 90 * SECOND, interrupted);
      expect(ended.facts).toContainEqual({ type: 'ContactFinished', contactIndex: 0, reason: 'Interrupted' });
      const restarted = requeueUnreached(ended.state, T0 + 3600 * SECOND);
      const again = dialAndEnd(restarted.state, T0 + 3600 * SECOND, interrupted);
      expect(again.facts).toContainEqual({ type: 'RedialScheduled', contactIndex: 0, atMs: T0 + 3690 * SECOND, carousel: false });
    });
  });

  describe('when the campaign restarts', () => {
    it('dials again those not answered, with a fresh round under new attempt ids, and never the reached ones', () => {
      let state = withContacts(aDialer({ settings: { redialRules: rules({ noAnswer: { attempts: 1, intervalSeconds: 60 } }) } }), 2, T0);
      const first = drain(state, T0);
      state = recordOutcome(first.state, { contactIndex: 0, attempt: 1, outcome: { kind: 'Goal' } }, T0 + SECOND).state;
      state = recordOutcome(state, { contactIndex: 1, attempt: 1, outcome: { kind: 'NoAnswer' } }, T0 + SECOND).state;
      expect(state.table.finished).toBe(2);
      const restarted = requeueUnreached(state, T0 + 3600 * SECOND);
      expect(restarted.requeued).toBe(1);
      const again = drain(restarted.state, T0 + 3600 * SECOND);
      expect(again.dials).toMatchObject([{ contactIndex: 1, attempt: 2, attemptId: 'c1:1:2' }]);
      // The fresh round has its own limit: one attempt, then the contact is finished again.
      const ended = recordOutcome(again.state, { contactIndex: 1, attempt: 2, outcome: { kind: 'NoAnswer' } }, T0 + 3601 * SECOND);
      expect(ended.facts).toContainEqual({ type: 'ContactFinished', contactIndex: 1, reason: 'Exhausted' });
    });
  });
});
