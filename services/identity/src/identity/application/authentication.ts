import { Inject, Injectable } from '@nestjs/common';
import type { Clock } from '@zvonar/platform';
import { ACCESS_TOKENS, API_KEYS_STORE, IDENTITY_CLOCK, SECRETS, SESSIONS_STORE } from '../../identity.di-tokens';
import { parseApiKey } from '../domain/api-key-policy';
import { IdentityRefusal, invalidCredentials } from '../domain/identity.errors';
import { SCOPES } from '../domain/roles';
import type { ApiKeysStore } from './api-keys.port';
import type { AccessTokens, Secrets } from './crypto.port';
import type { Principal } from './principal';
import type { SessionsStore } from './sessions.port';

/**
 * Credential → principal. An access token is checked against its session family on every call,
 * so logging out (or reuse detection) takes effect at once instead of when the token expires; the
 * roles come from the user row, not the token, so a role change does too.
 */
@Injectable()
export class Authentication {
  constructor(
    @Inject(ACCESS_TOKENS) private readonly access: AccessTokens,
    @Inject(SESSIONS_STORE) private readonly sessions: SessionsStore,
    @Inject(API_KEYS_STORE) private readonly keys: ApiKeysStore,
    @Inject(SECRETS) private readonly secrets: Secrets,
    @Inject(IDENTITY_CLOCK) private readonly clock: Clock,
  ) {}

  async byAccessToken(token: string): Promise<Principal> {
    const verified = this.access.verify(token, this.clock.now());
    if (!verified.ok) throw verified.reason === 'Expired' ? new IdentityRefusal('unauthenticated', 'ACCESS_TOKEN_EXPIRED') : invalidCredentials();
    const owner = await this.sessions.ownerOfLiveFamily(verified.claims.familyId);
    if (!owner || owner.userId !== verified.claims.userId) throw invalidCredentials();
    return {
      accountId: owner.accountId,
      userId: owner.userId,
      roles: owner.roles,
      scopes: SCOPES,
      credential: 'AccessToken',
      credentialId: verified.claims.familyId,
      emailConfirmed: owner.emailConfirmed,
      email: owner.email,
      validUntil: verified.expiresAt,
    };
  }

  async byApiKey(apiKey: string): Promise<Principal> {
    const parsed = parseApiKey(apiKey.trim());
    const key = parsed ? await this.keys.findByPrefix(parsed.prefix) : undefined;
    if (!key || key.revokedAt || !this.secrets.same(key.secretHash, this.secrets.digest(apiKey.trim()))) throw invalidCredentials();
    return {
      accountId: key.accountId,
      userId: key.userId,
      roles: [],
      scopes: key.scopes,
      credential: 'ApiKey',
      credentialId: key.apiKeyId,
      emailConfirmed: key.ownerEmailConfirmed,
      email: key.ownerEmail,
      validUntil: undefined,
    };
  }
}
