/**
 * Brute-force protection as pure functions over a counter per key ("email:<address>" or
 * "ip:<address>"). Failures are counted in a fixed window that starts at the first failure; the
 * key is locked once the window holds `maxFailures`, for `lockFor` from the failure that reached
 * it. Unknown emails are counted exactly like known ones, so a lock reveals nothing.
 */
export type LockoutPolicy = {
  readonly maxFailures: number;
  readonly windowMs: number;
  readonly lockMs: number;
};

export type ThrottleState = {
  readonly failures: number;
  readonly windowStartedAt: Date;
  readonly lockedUntil: Date | null;
};

export type ThrottleVerdict = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

/** Whether an attempt may be checked at all at `now`. */
export function attemptVerdict(state: ThrottleState | undefined, now: Date): ThrottleVerdict {
  if (!state?.lockedUntil || state.lockedUntil.getTime() <= now.getTime()) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.ceil((state.lockedUntil.getTime() - now.getTime()) / 1000) };
}

/** The counter after one more failure at `now`. */
export function afterFailure(state: ThrottleState | undefined, now: Date, policy: LockoutPolicy): ThrottleState {
  const windowOver = !state || now.getTime() - state.windowStartedAt.getTime() >= policy.windowMs;
  const lockOver = state?.lockedUntil != null && state.lockedUntil.getTime() <= now.getTime();
  const base = windowOver || lockOver ? { failures: 0, windowStartedAt: now } : { failures: state.failures, windowStartedAt: state.windowStartedAt };
  const failures = base.failures + 1;
  return {
    failures,
    windowStartedAt: base.windowStartedAt,
    lockedUntil: failures >= policy.maxFailures ? new Date(now.getTime() + policy.lockMs) : null,
  };
}

/** Email keys forget their failures after a successful sign-in; IP keys do not (see README). */
export const throttleKeys = (email: string, clientIp: string) => ({ email: `email:${email}`, ip: `ip:${clientIp}` });
