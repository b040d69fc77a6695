import type { Role } from '../domain/roles';

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(passwordHash: string, password: string): Promise<boolean>;
  /** A hash of no one's password, verified when the email is unknown so both paths cost the same. */
  readonly decoy: Promise<string>;
}

export type AccessClaims = {
  readonly userId: string;
  readonly accountId: string;
  readonly familyId: string;
  readonly roles: readonly Role[];
};

/** A verified token's claims, and when it stops being accepted. */
export type VerifiedAccess = { readonly ok: true; readonly claims: AccessClaims; readonly expiresAt: Date } | { readonly ok: false; readonly reason: 'Expired' | 'Invalid' };

/** Signs and verifies access tokens; `now` is passed so the test clock governs expiry. */
export interface AccessTokens {
  issue(claims: AccessClaims, now: Date): { token: string; expiresAt: Date };
  verify(token: string, now: Date): VerifiedAccess;
}

/** Unguessable values and their digests. */
export interface Secrets {
  /** Six decimal digits for email and SMS codes. */
  code(): string;
  /** 256 random bits, base64url: refresh tokens, reset links, API-key secrets. */
  token(): string;
  /** Lower-case letters and digits identifying an API key in its text. */
  keyPrefix(): string;
  /** SHA-256, hex. Enough for high-entropy tokens; short codes are protected by attempts and expiry. */
  digest(value: string): string;
  /** Constant-time comparison of two digests. */
  same(a: string, b: string): boolean;
}
