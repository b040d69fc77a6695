import { decideAfterInterruption, DEFAULT_INTERRUPTION_RETRY_POLICY, type InterruptionRetryPolicy } from './interruption-retry';

const NOW = Date.UTC(2026, 2, 2, 7, 0);
const policy: InterruptionRetryPolicy = { retryAfterMs: 60_000, maxRetries: 2 };

describe('decideAfterInterruption', () => {
  it('given a contact never interrupted before, when its call is interrupted, then it is due again after the delay with one retry counted', () => {
    expect(decideAfterInterruption(policy, 0, NOW)).toEqual({ kind: 'Retry', atMs: NOW + 60_000, retries: 1 });
  });

  it('given a contact retried once, when interrupted again, then it gets its second and last retry', () => {
    expect(decideAfterInterruption(policy, 1, NOW)).toEqual({ kind: 'Retry', atMs: NOW + 60_000, retries: 2 });
  });

  it('given a contact that used every retry, when interrupted again, then it ends as Interrupted (a broken trunk cannot loop forever)', () => {
    expect(decideAfterInterruption(policy, 2, NOW)).toEqual({ kind: 'Done', reason: 'Interrupted' });
    expect(decideAfterInterruption(policy, 7, NOW)).toEqual({ kind: 'Done', reason: 'Interrupted' });
  });

  it('given retries switched off, when a call is interrupted, then the contact ends at once', () => {
    expect(decideAfterInterruption({ retryAfterMs: 60_000, maxRetries: 0 }, 0, NOW)).toEqual({ kind: 'Done', reason: 'Interrupted' });
  });

  it('given any policy, then a contact is retried exactly maxRetries times before it ends', () => {
    for (const maxRetries of [0, 1, 2, 5]) {
      let retries = 0;
      let decisions = 0;
      for (;;) {
        const decision = decideAfterInterruption({ retryAfterMs: 1, maxRetries }, retries, NOW);
        decisions += 1;
        if (decision.kind === 'Done') break;
        retries = decision.retries;
      }
      expect({ maxRetries, retries, decisions }).toEqual({ maxRetries, retries: maxRetries, decisions: maxRetries + 1 });
    }
  });

  it('defaults to two retries a minute apart', () => {
    expect(DEFAULT_INTERRUPTION_RETRY_POLICY).toEqual({ retryAfterMs: 60_000, maxRetries: 2 });
  });
});
