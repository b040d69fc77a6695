import { afterFailure, attemptVerdict, type LockoutPolicy, type ThrottleState } from './lockout-policy';

const policy: LockoutPolicy = { maxFailures: 3, windowMs: 10 * 60_000, lockMs: 15 * 60_000 };
const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 9, minutes));
const failAt = (state: ThrottleState | undefined, ...minutes: number[]) => minutes.reduce((current, minute) => afterFailure(current, at(minute), policy), state);

describe('Lockout policy', () => {
  describe('when failures stay under the limit', () => {
    it('allows the next attempt', () => {
      expect(attemptVerdict(failAt(undefined, 0, 1), at(2))).toEqual({ allowed: true });
    });
  });

  describe('when the limit is reached inside the window', () => {
    it('locks for the lock duration from the failure that reached it, with the seconds left', () => {
      const state = failAt(undefined, 0, 1, 2);
      expect(state?.lockedUntil).toEqual(at(17));
      expect(attemptVerdict(state, at(16))).toEqual({ allowed: false, retryAfterSeconds: 60 });
      expect(attemptVerdict(state, at(17))).toEqual({ allowed: true });
    });
  });

  describe('when the window has passed', () => {
    it('starts counting again instead of locking', () => {
      const state = failAt(undefined, 0, 1, 11);
      expect(state).toEqual({ failures: 1, windowStartedAt: at(11), lockedUntil: null });
    });
  });

  describe('when a lock has ended', () => {
    it('gives a fresh window, so one more failure does not lock again at once', () => {
      const state = failAt(undefined, 0, 1, 2, 18);
      expect(state).toEqual({ failures: 1, windowStartedAt: at(18), lockedUntil: null });
    });
  });
});
