import { randomBytes } from 'node:crypto';
import type { identityV1 } from '../../src/identity/api/identity.proto';

/** A fresh address per call, so specs sharing a database never meet. */
export const anEmail = (): string => `user-${randomBytes(4).toString('hex')}@example.test`;

/** A fresh client IP per call (TEST-NET-3), so IP counters of specs never meet. */
let ipCounter = 0;
export const anIp = (): string => `203.0.113.${(ipCounter = (ipCounter % 250) + 1)}`;

export const STRONG_PASSWORD = 'Сирень цветёт в мае 2026';
export const OTHER_STRONG_PASSWORD = 'Northern lights 4 ever';

export const aRegistration = (overrides: Partial<identityV1.RegisterRequest> = {}): identityV1.RegisterRequest => ({
  email: anEmail(),
  password: STRONG_PASSWORD,
  promoCode: '',
  consent: { accepted: true, textVersion: '2026-01' },
  ...overrides,
});
