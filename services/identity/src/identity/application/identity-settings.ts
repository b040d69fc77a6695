import type { LockoutPolicy } from '../domain/lockout-policy';

/** Lifetimes and policies, built once from the configuration at the composition root. */
export type IdentitySettings = {
  readonly refreshTokenTtlMs: number;
  readonly codeTtlMs: number;
  readonly resetTtlMs: number;
  readonly perEmail: LockoutPolicy;
  readonly perIp: LockoutPolicy;
  /** Where the console answers: the base of emailed links (password reset, project invitations). */
  readonly publicUrl: string;
  /** Whether ListLocalOutbox may answer (embedded mode only). */
  readonly localOutboxReadable: boolean;
};

/** A console page with a secret token, as emailed links carry it (`${PUBLIC_URL}/<path>?token=`). */
export const consoleLink = (settings: Pick<IdentitySettings, 'publicUrl'>, path: string, token: string): string =>
  `${settings.publicUrl.replace(/\/$/, '')}/${path}?token=${encodeURIComponent(token)}`;
