/**
 * Refresh tokens rotate: each works once and is replaced by the next. All tokens of one login form
 * a family. A token presented again after it was rotated means two parties hold it — the user and
 * a thief — and identity cannot tell which is which, so the whole family is revoked (OAuth 2.0
 * Security BCP, refresh token rotation).
 */
export type SessionFamily = {
  readonly familyId: string;
  readonly userId: string;
  readonly revokedAt: Date | null;
};

export type RefreshTokenRecord = {
  readonly familyId: string;
  readonly expiresAt: Date;
  readonly rotatedAt: Date | null;
};

export type RefreshDecision =
  | { readonly type: 'Rotate' }
  | { readonly type: 'RevokeFamily'; readonly reason: 'ReuseDetected' }
  | { readonly type: 'Reject'; readonly reason: 'Revoked' | 'Expired' };

export function decideRefresh(token: RefreshTokenRecord, family: SessionFamily, now: Date): RefreshDecision {
  if (family.revokedAt) return { type: 'Reject', reason: 'Revoked' };
  if (token.rotatedAt) return { type: 'RevokeFamily', reason: 'ReuseDetected' };
  if (token.expiresAt.getTime() <= now.getTime()) return { type: 'Reject', reason: 'Expired' };
  return { type: 'Rotate' };
}
