import type { Role } from '../domain/roles';

/** Who is calling, as Authenticate answers it and as authenticated use cases receive it. */
export type Principal = {
  readonly accountId: string;
  readonly userId: string;
  readonly roles: readonly Role[];
  readonly scopes: readonly string[];
  readonly credential: 'AccessToken' | 'ApiKey';
  /** The session family of an access token, or the API key's id. */
  readonly credentialId: string;
  readonly emailConfirmed: boolean;
  /** Sign-in email, lower case (an API key's: its creator's). */
  readonly email: string;
  /**
   * Until when the credential stays valid as presented: an access token's expiry. Undefined for an
   * API key, which has no expiry and is valid until revoked (CredentialsChanged announces that).
   */
  readonly validUntil: Date | undefined;
};
