import { perMinute, TokenBuckets } from './token-buckets';

describe('TokenBuckets', () => {
  it('given a full bucket, when the burst is spent, then the next request waits for one token', () => {
    const buckets = new TokenBuckets(perMinute(3));
    expect([0, 0, 0].map(() => buckets.take('account-a', 1_000).allowed)).toEqual([true, true, true]);

    expect(buckets.take('account-a', 1_000)).toEqual({ allowed: false, retryAfterMs: 20_000 });
  });

  it('given an empty bucket, when time passes, then it refills at the policy rate and never above capacity', () => {
    const buckets = new TokenBuckets(perMinute(60));
    for (let i = 0; i < 60; i += 1) buckets.take('ip-1', 0);
    expect(buckets.take('ip-1', 0).allowed).toBe(false);

    expect(buckets.take('ip-1', 1_000).allowed).toBe(true);
    expect(buckets.take('ip-1', 1_000).allowed).toBe(false);

    const afterAnHour = 3_600_000;
    const allowed = Array.from({ length: 61 }, () => buckets.take('ip-1', afterAnHour).allowed);
    expect(allowed.filter(Boolean)).toHaveLength(60);
  });

  it('keeps one bucket per key: one busy client does not slow another', () => {
    const buckets = new TokenBuckets(perMinute(1));
    expect(buckets.take('a', 0).allowed).toBe(true);
    expect(buckets.take('a', 0).allowed).toBe(false);
    expect(buckets.take('b', 0).allowed).toBe(true);
  });

  it('given the bucket cap is reached, when a new client comes, then idle (full) buckets are dropped first', () => {
    const buckets = new TokenBuckets({ ...perMinute(2), maxBuckets: 2 });
    buckets.take('busy', 0);
    buckets.take('busy', 0);
    buckets.take('idle', 0);

    buckets.take('newcomer', 60_000 * 10);

    expect(buckets.size).toBeLessThanOrEqual(2);
    // The busy client refilled meanwhile too, so the eviction forgot it; it starts full again.
    expect(buckets.take('newcomer', 60_000 * 10).allowed).toBe(true);
  });
});
