import type { RefreshTokenRecord, SessionFamily } from '../domain/refresh-family';
import type { Role } from '../domain/roles';

/** Who a live session belongs to, read fresh on every authentication. */
export type SessionOwner = {
  readonly userId: string;
  readonly accountId: string;
  readonly roles: readonly Role[];
  readonly emailConfirmed: boolean;
  readonly email: string;
};

export type NewRefreshToken = { readonly tokenHash: string; readonly expiresAt: Date };

/** Session families and their refresh tokens (stored as hashes only). */
export interface SessionsStore {
  startFamily(familyId: string, userId: string, first: NewRefreshToken, now: Date): Promise<void>;
  findToken(tokenHash: string): Promise<{ token: RefreshTokenRecord; family: SessionFamily } | undefined>;
  /** Marks the old token rotated and stores its successor; false when it was rotated meanwhile. */
  rotate(oldTokenHash: string, next: NewRefreshToken, now: Date): Promise<boolean>;
  revokeFamily(familyId: string, reason: string, now: Date): Promise<void>;
  revokeAllOf(userId: string, reason: string, now: Date): Promise<number>;
  /** The owner of a family that is not revoked. */
  ownerOfLiveFamily(familyId: string): Promise<SessionOwner | undefined>;
}
