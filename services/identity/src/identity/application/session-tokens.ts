import { Inject, Injectable } from '@nestjs/common';
import { ACCESS_TOKENS, IDENTITY_SETTINGS, SECRETS } from '../../identity.di-tokens';
import { expiresAfter } from '../domain/single-use-secret';
import type { AccessClaims, AccessTokens, Secrets } from './crypto.port';
import type { IdentitySettings } from './identity-settings';
import type { NewRefreshToken } from './sessions.port';

export type IssuedTokens = {
  readonly accessToken: string;
  readonly accessTokenExpiresAt: Date;
  readonly refreshToken: string;
  readonly refreshTokenExpiresAt: Date;
};

/** Mints the token pair of a session: the refresh token in clear for the client, its hash for the store. */
@Injectable()
export class SessionTokens {
  constructor(
    @Inject(ACCESS_TOKENS) private readonly access: AccessTokens,
    @Inject(SECRETS) private readonly secrets: Secrets,
    @Inject(IDENTITY_SETTINGS) private readonly settings: IdentitySettings,
  ) {}

  mint(claims: AccessClaims, now: Date): { tokens: IssuedTokens; stored: NewRefreshToken } {
    const access = this.access.issue(claims, now);
    const refreshToken = this.secrets.token();
    const refreshTokenExpiresAt = expiresAfter(now, this.settings.refreshTokenTtlMs);
    return {
      tokens: { accessToken: access.token, accessTokenExpiresAt: access.expiresAt, refreshToken, refreshTokenExpiresAt },
      stored: { tokenHash: this.secrets.digest(refreshToken), expiresAt: refreshTokenExpiresAt },
    };
  }

  digest(refreshToken: string): string {
    return this.secrets.digest(refreshToken);
  }
}
