export interface TokenBucketPolicy {
  /** Tokens a full bucket holds: the burst a client may spend at once. */
  readonly capacity: number;
  /** Tokens added per millisecond. */
  readonly refillPerMs: number;
  /** Buckets kept at most; when more clients appear, full buckets (idle clients) are dropped first. */
  readonly maxBuckets: number;
}

export type Take = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterMs: number };

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * Token buckets by key (an account, an IP), pure and in memory: time is passed in, so the specs
 * drive it. A bucket refills continuously up to its capacity; a request takes one token or is
 * told how long until one is there.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly policy: TokenBucketPolicy) {}

  take(key: string, nowMs: number): Take {
    const bucket = this.refilled(key, nowMs);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterMs: Math.ceil((1 - bucket.tokens) / this.policy.refillPerMs) };
  }

  get size(): number {
    return this.buckets.size;
  }

  private refilled(key: string, nowMs: number): Bucket {
    const existing = this.buckets.get(key);
    if (existing) {
      existing.tokens = Math.min(this.policy.capacity, existing.tokens + (nowMs - existing.updatedAt) * this.policy.refillPerMs);
      existing.updatedAt = nowMs;
      return existing;
    }
    if (this.buckets.size >= this.policy.maxBuckets) this.evict(nowMs);
    const created = { tokens: this.policy.capacity, updatedAt: nowMs };
    this.buckets.set(key, created);
    return created;
  }

  // A bucket that has refilled completely carries no information: dropping it and creating it
  // again later gives the same answer. Only when every client is busy is the oldest dropped.
  private evict(nowMs: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (nowMs - bucket.updatedAt) * this.policy.refillPerMs >= this.policy.capacity) this.buckets.delete(key);
    }
    if (this.buckets.size >= this.policy.maxBuckets) {
      const oldest = this.buckets.keys().next();
      if (!oldest.done) this.buckets.delete(oldest.value);
    }
  }
}

/** `perMinute` requests a minute, with a burst of the same size. */
export const perMinute = (perMinute: number, maxBuckets = 100_000): TokenBucketPolicy => ({
  capacity: perMinute,
  refillPerMs: perMinute / 60_000,
  maxBuckets,
});
