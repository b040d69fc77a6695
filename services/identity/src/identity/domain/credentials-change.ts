/**
 * A change that must end or alter a principal someone caches (the gateway's edge): announced in
 * the transaction that makes it, so a cache forgets the user's principals at once instead of
 * keeping a revoked session or key until its entry expires.
 */
export type CredentialsChangeKind = 'SessionEnded' | 'AllSessionsEnded' | 'ApiKeyRevoked' | 'PrincipalChanged';

export type CredentialsChange = {
  /**
   * Names this change and no other, and is the same every time the change is redelivered: the
   * outbox refuses a second message with the same id, so it must never repeat for a new change.
   */
  readonly changeId: string;
  readonly kind: CredentialsChangeKind;
  readonly userId: string;
  readonly accountId: string;
  /** The session family or API key concerned; empty when the change is user-wide. */
  readonly credentialId: string;
  readonly occurredAt: Date;
};

export type CredentialsOwner = { readonly userId: string; readonly accountId: string };

/** What a principal carries that changed. */
export type PrincipalChange = 'EmailConfirmed';

/** A family is revoked once (revoking a revoked one changes nothing), so its id names the change. */
export const sessionEnded = (owner: CredentialsOwner, familyId: string, occurredAt: Date): CredentialsChange => ({
  changeId: `SessionEnded:${familyId}`,
  kind: 'SessionEnded',
  ...owner,
  credentialId: familyId,
  occurredAt,
});

/**
 * Every live session of the user ended (all but the caller's on a password change). Each family
 * ends once, so the smallest id among those this change ended names it; a clock that stands still
 * (two changes in one millisecond) cannot make two changes share an id.
 */
export function allSessionsEnded(owner: CredentialsOwner, endedFamilyIds: readonly string[], occurredAt: Date): CredentialsChange {
  const first = [...endedFamilyIds].sort()[0];
  if (first === undefined) throw new Error('allSessionsEnded needs at least one ended session');
  return { changeId: `AllSessionsEnded:${owner.userId}:${first}`, kind: 'AllSessionsEnded', ...owner, credentialId: '', occurredAt };
}

/** A key is revoked once (revoking a revoked one changes nothing), so its id names the change. */
export const apiKeyRevoked = (owner: CredentialsOwner, apiKeyId: string, occurredAt: Date): CredentialsChange => ({
  changeId: `ApiKeyRevoked:${apiKeyId}`,
  kind: 'ApiKeyRevoked',
  ...owner,
  credentialId: apiKeyId,
  occurredAt,
});

export const principalChanged = (owner: CredentialsOwner, what: PrincipalChange, occurredAt: Date): CredentialsChange => ({
  changeId: `PrincipalChanged:${owner.userId}:${what}:${occurredAt.getTime()}`,
  kind: 'PrincipalChanged',
  ...owner,
  credentialId: '',
  occurredAt,
});
