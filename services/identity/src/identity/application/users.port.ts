import type { Gender, ProfileNames } from '../domain/profile';
import type { Role } from '../domain/roles';
import type { SingleUseSecret } from '../domain/single-use-secret';

export type UserRecord = {
  readonly userId: string;
  readonly accountId: string;
  readonly email: string;
  readonly emailConfirmedAt: Date | null;
  readonly phone: string | null;
  readonly phoneConfirmedAt: Date | null;
  readonly passwordHash: string;
  readonly roles: readonly Role[];
  readonly names: ProfileNames;
  readonly gender: Gender | null;
  readonly registeredAt: Date;
};

export type NewUser = {
  readonly userId: string;
  readonly accountId: string;
  readonly email: string;
  readonly passwordHash: string;
  readonly promoCode: string;
  readonly consentTextVersion: string;
  readonly registeredAt: Date;
};

export type CodePurpose = 'email' | 'phone';

export type IssuedCode = {
  readonly purpose: CodePurpose;
  readonly codeHash: string;
  /** The address the code was sent to (the email, or the phone being confirmed). */
  readonly target: string;
  readonly expiresAt: Date;
};

export type StoredCode = SingleUseSecret & { readonly codeHash: string; readonly target: string };

/** Users with their confirmation codes: the registration and confirmation side of the store. */
export interface UsersStore {
  /** Inserts the user, their first email code and UserRegistered in one transaction; false when the email is taken. */
  register(user: NewUser, code: IssuedCode): Promise<boolean>;
  findByEmail(email: string): Promise<UserRecord | undefined>;
  findById(userId: string): Promise<UserRecord | undefined>;
  updateProfile(userId: string, names: ProfileNames, gender: Gender | null): Promise<void>;
  /** Replaces the user's pending code of that purpose (a phone code also sets the phone, unconfirmed). */
  issueCode(userId: string, code: IssuedCode, now: Date): Promise<void>;
  findCode(userId: string, purpose: CodePurpose): Promise<StoredCode | undefined>;
  recordCodeFailure(userId: string, purpose: CodePurpose): Promise<void>;
  /** Spends the code and marks its target confirmed; false when it was spent meanwhile. */
  confirmCode(userId: string, purpose: CodePurpose, now: Date): Promise<boolean>;
}
