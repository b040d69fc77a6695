import { Inject, Injectable } from '@nestjs/common';
import type { Clock } from '@zvonar/platform';
import { CREDENTIALS_STORE, IDENTITY_CLOCK, IDENTITY_SETTINGS, MAILER, PASSWORD_HASHER, SECRETS, THROTTLE_STORE, USERS_STORE } from '../../identity.di-tokens';
import { emailViolations, normalizeEmail, passwordViolations } from '../domain/credential-policy';
import { assertValid, IdentityRefusal, invalidCredentials } from '../domain/identity.errors';
import { afterFailure, attemptVerdict, throttleKeys } from '../domain/lockout-policy';
import { checkSecret, expiresAfter } from '../domain/single-use-secret';
import type { CredentialsStore } from './credentials.port';
import type { PasswordHasher, Secrets } from './crypto.port';
import type { Mailer } from './delivery.port';
import { consoleLink, type IdentitySettings } from './identity-settings';
import type { Locale } from './locale';
import { passwordResetMessage } from './notifications';
import type { Principal } from './principal';
import type { ThrottleStore } from './throttle.port';
import type { UsersStore } from './users.port';

/** Changing a password, and resetting a forgotten one by an emailed single-use link. */
@Injectable()
export class Passwords {
  constructor(
    @Inject(USERS_STORE) private readonly users: UsersStore,
    @Inject(CREDENTIALS_STORE) private readonly credentials: CredentialsStore,
    @Inject(THROTTLE_STORE) private readonly throttle: ThrottleStore,
    @Inject(PASSWORD_HASHER) private readonly hasher: PasswordHasher,
    @Inject(SECRETS) private readonly secrets: Secrets,
    @Inject(MAILER) private readonly mailer: Mailer,
    @Inject(IDENTITY_CLOCK) private readonly clock: Clock,
    @Inject(IDENTITY_SETTINGS) private readonly settings: IdentitySettings,
  ) {}

  /** A stolen access token must not become a password-guessing oracle: failures count against the email's lock. */
  async change(principal: Principal, currentPassword: string, newPassword: string): Promise<void> {
    const user = await this.users.findById(principal.userId);
    if (!user) throw invalidCredentials();
    assertValid(passwordViolations(newPassword, user.email, 'new_password'));
    const key = throttleKeys(user.email, '').email;
    const now = this.clock.now();
    const verdict = attemptVerdict((await this.throttle.read([key])).get(key), now);
    if (!verdict.allowed) throw new IdentityRefusal('throttled', 'TOO_MANY_ATTEMPTS', [], verdict.retryAfterSeconds);
    if (!(await this.hasher.verify(user.passwordHash, currentPassword))) {
      await this.throttle.update(key, (state) => afterFailure(state, now, this.settings.perEmail));
      throw new IdentityRefusal('invalid', 'VALIDATION_FAILED', [{ field: 'current_password', code: 'WRONG_PASSWORD' }]);
    }
    await this.credentials.changePassword(user.userId, await this.hasher.hash(newPassword), now, principal.credentialId);
  }

  async requestReset(email: string, locale: Locale): Promise<void> {
    assertValid(emailViolations(email));
    const user = await this.users.findByEmail(normalizeEmail(email));
    if (!user) return;
    const token = this.secrets.token();
    const now = this.clock.now();
    await this.credentials.issueReset(this.secrets.digest(token), user.userId, expiresAfter(now, this.settings.resetTtlMs), now);
    const link = consoleLink(this.settings, 'reset-password', token);
    await this.mailer.send(passwordResetMessage(user.email, link, locale));
  }

  async reset(token: string, newPassword: string): Promise<void> {
    assertValid(token.trim() === '' ? [{ field: 'token', code: 'REQUIRED' }] : []);
    const tokenHash = this.secrets.digest(token.trim());
    const reset = await this.credentials.findReset(tokenHash);
    if (!reset) throw new IdentityRefusal('precondition', 'INVALID_RESET_LINK');
    const check = checkSecret(reset, true, this.clock.now(), Number.POSITIVE_INFINITY);
    if (check === 'Expired') throw new IdentityRefusal('precondition', 'RESET_LINK_EXPIRED');
    if (check !== 'Accepted') throw new IdentityRefusal('precondition', 'INVALID_RESET_LINK');
    assertValid(passwordViolations(newPassword, reset.email, 'new_password'));
    if (!(await this.credentials.completeReset(tokenHash, await this.hasher.hash(newPassword), this.clock.now())))
      throw new IdentityRefusal('precondition', 'INVALID_RESET_LINK');
    // Whoever proved they own the mailbox gets their sign-in back at once.
    await this.throttle.clear(throttleKeys(reset.email, '').email);
  }
}
