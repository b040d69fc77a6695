import { Inject, Injectable } from '@nestjs/common';
import type { Clock, IdGenerator } from '@zvonar/platform';
import { ID_GENERATOR } from '@zvonar/platform';
import { IDENTITY_CLOCK, IDENTITY_SETTINGS, PASSWORD_HASHER, SESSIONS_STORE, THROTTLE_STORE, USERS_STORE } from '../../identity.di-tokens';
import { normalizeEmail, PASSWORD_MAX_LENGTH } from '../domain/credential-policy';
import { assertValid, IdentityRefusal, invalidCredentials, type Violation } from '../domain/identity.errors';
import { afterFailure, attemptVerdict, throttleKeys } from '../domain/lockout-policy';
import type { PasswordHasher } from './crypto.port';
import type { IdentitySettings } from './identity-settings';
import { SessionTokens, type IssuedTokens } from './session-tokens';
import type { SessionsStore } from './sessions.port';
import type { ThrottleStore } from './throttle.port';
import type { UsersStore } from './users.port';

export type LoginInput = { email: string; password: string; clientIp: string };

const required = (value: string, field: string): Violation[] => (value.trim() === '' ? [{ field, code: 'REQUIRED' }] : []);

/**
 * Sign-in with brute-force protection. Locks are checked before the password, so a locked key
 * learns nothing from further guesses; an unknown email costs one argon2 verification like a
 * known one and is counted and refused the same way.
 */
@Injectable()
export class SignIn {
  constructor(
    @Inject(USERS_STORE) private readonly users: UsersStore,
    @Inject(SESSIONS_STORE) private readonly sessions: SessionsStore,
    @Inject(THROTTLE_STORE) private readonly throttle: ThrottleStore,
    @Inject(PASSWORD_HASHER) private readonly hasher: PasswordHasher,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
    @Inject(IDENTITY_CLOCK) private readonly clock: Clock,
    @Inject(IDENTITY_SETTINGS) private readonly settings: IdentitySettings,
    private readonly tokens: SessionTokens,
  ) {}

  async login(input: LoginInput): Promise<IssuedTokens> {
    assertValid([...required(input.email, 'email'), ...required(input.password, 'password'), ...required(input.clientIp, 'client_ip')]);
    const email = normalizeEmail(input.email);
    const keys = throttleKeys(email, input.clientIp.trim());
    const counters = await this.throttle.read([keys.email, keys.ip]);
    const now = this.clock.now();
    const verdicts = [attemptVerdict(counters.get(keys.email), now), attemptVerdict(counters.get(keys.ip), now)];
    const waits = verdicts.flatMap((verdict) => (verdict.allowed ? [] : [verdict.retryAfterSeconds]));
    if (waits.length > 0) throw new IdentityRefusal('throttled', 'TOO_MANY_ATTEMPTS', [], Math.max(...waits));

    const user = await this.users.findByEmail(email);
    // No password longer than the rule allows was ever set, and hashing megabytes is a cheap way to load the server.
    const candidate = input.password.length <= PASSWORD_MAX_LENGTH ? input.password : '';
    const passwordMatches =
      candidate !== '' && (user ? await this.hasher.verify(user.passwordHash, candidate) : await this.hasher.verify(await this.hasher.decoy, candidate).then(() => false));
    if (!user || !passwordMatches) {
      await this.throttle.update(keys.email, (state) => afterFailure(state, now, this.settings.perEmail));
      await this.throttle.update(keys.ip, (state) => afterFailure(state, now, this.settings.perIp));
      throw invalidCredentials();
    }
    // Only the email's counter forgets: one valid account must not launder an IP's guesses.
    await this.throttle.clear(keys.email);
    const familyId = this.ids.next();
    const { tokens, stored } = this.tokens.mint({ userId: user.userId, accountId: user.accountId, familyId, roles: user.roles }, now);
    await this.sessions.startFamily(familyId, user.userId, stored, now);
    return tokens;
  }
}
