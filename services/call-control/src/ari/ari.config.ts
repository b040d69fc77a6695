/** Where and how to reach Asterisk's ARI. */
export interface AriConfig {
  /** `http://host:port` (ARI paths live below `/ari`). */
  baseUrl: string;
  username: string;
  password: string;
  /** The one Stasis application call-control runs. */
  app: string;
  /** Per-request timeout for REST calls. */
  requestTimeoutMs?: number;
}

export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  factor: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 100, maxMs: 5000, factor: 2 };

/** Capped exponential backoff: initial, initial·factor, ... never above `maxMs`. */
export function backoffDelay(policy: BackoffPolicy, attempt: number): number {
  return Math.min(policy.maxMs, policy.initialMs * policy.factor ** Math.max(0, attempt));
}
