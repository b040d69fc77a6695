/**
 * One-time codes (email and phone confirmation) and password-reset links share one life: issued
 * with an expiry, spent by the first correct use, and — for short numeric codes, which can be
 * guessed — burnt after a few wrong tries.
 */
export type SingleUseSecret = {
  readonly expiresAt: Date;
  readonly consumedAt: Date | null;
  readonly failedAttempts: number;
};

export const MAX_CODE_ATTEMPTS = 5;

export type SecretCheck = 'Accepted' | 'Expired' | 'Consumed' | 'Mismatch' | 'Burnt';

/** What presenting a secret at `now` means; `matches` is whether its hash equals the stored one. */
export function checkSecret(secret: SingleUseSecret, matches: boolean, now: Date, maxAttempts = MAX_CODE_ATTEMPTS): SecretCheck {
  if (secret.consumedAt) return 'Consumed';
  if (secret.failedAttempts >= maxAttempts) return 'Burnt';
  if (secret.expiresAt.getTime() <= now.getTime()) return 'Expired';
  return matches ? 'Accepted' : 'Mismatch';
}

export const expiresAfter = (now: Date, ttlMs: number): Date => new Date(now.getTime() + ttlMs);
