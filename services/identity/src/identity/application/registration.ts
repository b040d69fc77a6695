import { Inject, Injectable } from '@nestjs/common';
import type { Clock, IdGenerator } from '@zvonar/platform';
import { ID_GENERATOR } from '@zvonar/platform';
import { IDENTITY_CLOCK, IDENTITY_SETTINGS, MAILER, PASSWORD_HASHER, SECRETS, USERS_STORE } from '../../identity.di-tokens';
import { consentViolations, emailViolations, normalizeEmail, passwordViolations, promoCodeViolations, type ConsentInput } from '../domain/credential-policy';
import { assertValid } from '../domain/identity.errors';
import { expiresAfter } from '../domain/single-use-secret';
import type { PasswordHasher, Secrets } from './crypto.port';
import type { Mailer } from './delivery.port';
import type { IdentitySettings } from './identity-settings';
import type { Locale } from './locale';
import { alreadyRegisteredMessage, emailCodeMessage } from './notifications';
import type { UsersStore } from './users.port';

export type Registration = { email: string; password: string; promoCode: string; consent: ConsentInput };

/**
 * Registration. A taken email gets the same answer as a new one; its owner is told by email, so
 * the call cannot be used to learn who is registered.
 */
@Injectable()
export class Registrations {
  constructor(
    @Inject(USERS_STORE) private readonly users: UsersStore,
    @Inject(PASSWORD_HASHER) private readonly hasher: PasswordHasher,
    @Inject(SECRETS) private readonly secrets: Secrets,
    @Inject(MAILER) private readonly mailer: Mailer,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
    @Inject(IDENTITY_CLOCK) private readonly clock: Clock,
    @Inject(IDENTITY_SETTINGS) private readonly settings: IdentitySettings,
  ) {}

  async register(input: Registration, locale: Locale): Promise<void> {
    assertValid([
      ...emailViolations(input.email),
      ...passwordViolations(input.password, input.email),
      ...promoCodeViolations(input.promoCode),
      ...consentViolations(input.consent),
    ]);
    const email = normalizeEmail(input.email);
    // Hashed before the lookup, so a taken email answers no faster than a new one.
    const passwordHash = await this.hasher.hash(input.password);
    if (await this.users.findByEmail(email)) return this.mailer.send(alreadyRegisteredMessage(email, locale));
    const now = this.clock.now();
    const code = this.secrets.code();
    const created = await this.users.register(
      {
        userId: this.ids.next(),
        accountId: this.ids.next(),
        email,
        passwordHash,
        promoCode: input.promoCode.toUpperCase(),
        consentTextVersion: input.consent?.textVersion ?? '',
        registeredAt: now,
      },
      { purpose: 'email', codeHash: this.secrets.digest(code), target: email, expiresAt: expiresAfter(now, this.settings.codeTtlMs) },
    );
    await this.mailer.send(created ? emailCodeMessage(email, code, locale) : alreadyRegisteredMessage(email, locale));
  }
}
