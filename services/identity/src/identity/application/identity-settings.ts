import type { LockoutPolicy } from '../domain/lockout-policy';

/** Lifetimes and policies, built once from the configuration at the composition root. */
export type IdentitySettings = {
  readonly refreshTokenTtlMs: number;
  readonly codeTtlMs: number;
  readonly resetTtlMs: number;
  readonly perEmail: LockoutPolicy;
  readonly perIp: LockoutPolicy;
  /** Base of password-reset links. */
  readonly publicUrl: string;
  /** Whether ListLocalOutbox may answer (embedded mode only). */
  readonly localOutboxReadable: boolean;
};
