/**
 * A call lost to our own infrastructure (call-control crashed, Asterisk went away) says nothing
 * about the callee: the contact is dialled again after a short delay under a new attempt id,
 * without using one of its redial attempts. The cap keeps a broken trunk from looping forever:
 * past it the contact ends with the outcome that ended it, Interrupted.
 */
export type InterruptionRetryPolicy = {
  /** How long after the interruption the contact is due again. */
  readonly retryAfterMs: number;
  /** Infrastructure retries per contact and round of attempts (0 = an interruption ends the contact). */
  readonly maxRetries: number;
};

export const DEFAULT_INTERRUPTION_RETRY_POLICY: InterruptionRetryPolicy = { retryAfterMs: 60_000, maxRetries: 2 };

export type InterruptionDecision =
  | { readonly kind: 'Retry'; readonly atMs: number; readonly retries: number }
  | { readonly kind: 'Done'; readonly reason: 'Interrupted' };

/**
 * What follows an interrupted attempt of a contact that was already retried `retriesSoFar` times
 * for interruptions: another attempt at `atMs` (`retries` is the new count), or the end.
 */
export const decideAfterInterruption = (policy: InterruptionRetryPolicy, retriesSoFar: number, nowMs: number): InterruptionDecision =>
  retriesSoFar < policy.maxRetries ? { kind: 'Retry', atMs: nowMs + policy.retryAfterMs, retries: retriesSoFar + 1 } : { kind: 'Done', reason: 'Interrupted' };
