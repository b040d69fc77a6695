import type { SingleUseSecret } from '../domain/single-use-secret';

export type StoredReset = SingleUseSecret & { readonly userId: string; readonly email: string };

/** Passwords and reset links. Every password change ends sessions in the same transaction. */
export interface CredentialsStore {
  /** Sets the password and revokes every session family of the user except `keepFamilyId`. */
  changePassword(userId: string, passwordHash: string, now: Date, keepFamilyId?: string): Promise<void>;
  issueReset(tokenHash: string, userId: string, expiresAt: Date, now: Date): Promise<void>;
  findReset(tokenHash: string): Promise<StoredReset | undefined>;
  /** Spends the link, sets the password and revokes every session; false when the link was spent meanwhile. */
  completeReset(tokenHash: string, passwordHash: string, now: Date): Promise<boolean>;
}
