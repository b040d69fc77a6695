import { Inject, Injectable } from '@nestjs/common';
import type { Clock } from '@zvonar/platform';
import { IDENTITY_CLOCK, IDENTITY_SETTINGS, MAILER, SECRETS, SMS_SENDER, USERS_STORE } from '../../identity.di-tokens';
import { emailViolations, normalizeEmail, phoneViolations } from '../domain/credential-policy';
import { assertValid, IdentityRefusal } from '../domain/identity.errors';
import { checkSecret, expiresAfter } from '../domain/single-use-secret';
import type { Secrets } from './crypto.port';
import type { Mailer, SmsSender } from './delivery.port';
import type { IdentitySettings } from './identity-settings';
import type { Locale } from './locale';
import { emailCodeMessage, phoneCodeMessage } from './notifications';
import type { Principal } from './principal';
import type { CodePurpose, UsersStore } from './users.port';

const codeViolations = (code: string) => (/^\d{6}$/.test(code.trim()) ? [] : [{ field: 'code', code: 'INVALID_CODE_FORMAT' }]);

/** Email and phone confirmation by one-time codes. */
@Injectable()
export class Confirmations {
  constructor(
    @Inject(USERS_STORE) private readonly users: UsersStore,
    @Inject(SECRETS) private readonly secrets: Secrets,
    @Inject(MAILER) private readonly mailer: Mailer,
    @Inject(SMS_SENDER) private readonly sms: SmsSender,
    @Inject(IDENTITY_CLOCK) private readonly clock: Clock,
    @Inject(IDENTITY_SETTINGS) private readonly settings: IdentitySettings,
  ) {}

  async resendEmailCode(email: string, locale: Locale): Promise<void> {
    assertValid(emailViolations(email));
    const user = await this.users.findByEmail(normalizeEmail(email));
    if (!user || user.emailConfirmedAt) return;
    const code = await this.issue(user.userId, 'email', user.email);
    await this.mailer.send(emailCodeMessage(user.email, code, locale));
  }

  async confirmEmail(email: string, code: string): Promise<void> {
    assertValid([...emailViolations(email), ...codeViolations(code)]);
    const user = await this.users.findByEmail(normalizeEmail(email));
    // An unknown email fails exactly like a wrong code.
    if (!user) throw new IdentityRefusal('precondition', 'INVALID_CODE');
    await this.spend(user.userId, 'email', code);
  }

  async requestPhoneConfirmation(principal: Principal, phone: string, locale: Locale): Promise<void> {
    assertValid(phoneViolations(phone));
    const code = await this.issue(principal.userId, 'phone', phone.trim());
    await this.sms.send(phoneCodeMessage(phone.trim(), code, locale));
  }

  async confirmPhone(principal: Principal, code: string): Promise<void> {
    assertValid(codeViolations(code));
    await this.spend(principal.userId, 'phone', code);
  }

  private async issue(userId: string, purpose: CodePurpose, target: string): Promise<string> {
    const now = this.clock.now();
    const code = this.secrets.code();
    await this.users.issueCode(userId, { purpose, target, codeHash: this.secrets.digest(code), expiresAt: expiresAfter(now, this.settings.codeTtlMs) }, now);
    return code;
  }

  private async spend(userId: string, purpose: CodePurpose, code: string): Promise<void> {
    const stored = await this.users.findCode(userId, purpose);
    if (!stored) throw new IdentityRefusal('precondition', 'INVALID_CODE');
    const now = this.clock.now();
    const check = checkSecret(stored, this.secrets.same(stored.codeHash, this.secrets.digest(code.trim())), now);
    if (check === 'Mismatch') {
      await this.users.recordCodeFailure(userId, purpose);
      throw new IdentityRefusal('precondition', 'INVALID_CODE');
    }
    if (check === 'Expired') throw new IdentityRefusal('precondition', 'CODE_EXPIRED');
    if (check === 'Burnt') throw new IdentityRefusal('precondition', 'CODE_ATTEMPTS_EXCEEDED');
    if (check === 'Consumed' || !(await this.users.confirmCode(userId, purpose, now))) throw new IdentityRefusal('precondition', 'INVALID_CODE');
  }
}
