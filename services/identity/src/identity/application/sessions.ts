import { Inject, Injectable } from '@nestjs/common';
import type { Clock } from '@zvonar/platform';
import { IDENTITY_CLOCK, SESSIONS_STORE } from '../../identity.di-tokens';
import { assertValid, invalidCredentials } from '../domain/identity.errors';
import { decideRefresh } from '../domain/refresh-family';
import type { Principal } from './principal';
import { SessionTokens, type IssuedTokens } from './session-tokens';
import type { SessionsStore } from './sessions.port';

/** Refresh-token rotation with reuse detection, and ending sessions. */
@Injectable()
export class Sessions {
  constructor(
    @Inject(SESSIONS_STORE) private readonly sessions: SessionsStore,
    @Inject(IDENTITY_CLOCK) private readonly clock: Clock,
    private readonly tokens: SessionTokens,
  ) {}

  async refresh(refreshToken: string): Promise<IssuedTokens> {
    assertValid(refreshToken.trim() === '' ? [{ field: 'refresh_token', code: 'REQUIRED' }] : []);
    const found = await this.sessions.findToken(this.tokens.digest(refreshToken.trim()));
    if (!found) throw invalidCredentials();
    const now = this.clock.now();
    const decision = decideRefresh(found.token, found.family, now);
    if (decision.type === 'Reject') throw invalidCredentials();
    const owner = decision.type === 'Rotate' ? await this.sessions.ownerOfLiveFamily(found.family.familyId) : undefined;
    if (decision.type === 'RevokeFamily' || !owner) {
      await this.sessions.revokeFamily(found.family.familyId, 'ReuseDetected', now);
      throw invalidCredentials();
    }
    const { tokens, stored } = this.tokens.mint({ ...owner, familyId: found.family.familyId }, now);
    // Losing the race to a concurrent exchange of the same token is reuse too.
    if (!(await this.sessions.rotate(this.tokens.digest(refreshToken.trim()), stored, now))) {
      await this.sessions.revokeFamily(found.family.familyId, 'ReuseDetected', now);
      throw invalidCredentials();
    }
    return tokens;
  }

  async logout(refreshToken: string): Promise<void> {
    const found = refreshToken.trim() === '' ? undefined : await this.sessions.findToken(this.tokens.digest(refreshToken.trim()));
    if (found && !found.family.revokedAt) await this.sessions.revokeFamily(found.family.familyId, 'LoggedOut', this.clock.now());
  }

  logoutEverywhere(principal: Principal): Promise<number> {
    return this.sessions.revokeAllOf(principal.userId, 'LoggedOutEverywhere', this.clock.now());
  }
}
