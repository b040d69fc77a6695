import type { Violation } from './identity.errors';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

// The most common choices that pass the length and character rules; a breach list would be
// better (see README gaps), but these are the ones tried first by every guessing script.
const commonPasswords = new Set([
  'password123', 'password1234', 'qwerty12345', 'qwerty123456', '1234567890a', 'a1234567890',
  'iloveyou123', 'qwertyuiop1', '1q2w3e4r5t', '1q2w3e4r5t6y', 'zaq12wsxcde', 'parol12345',
]);

/** Email as identity stores and compares it: trimmed, lower case. */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

// Deliberately simple: one @, no spaces, a dot in the domain. Deliverability is proven by the
// confirmation code, not by a regular expression.
const emailShape = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;

export function emailViolations(email: string, field = 'email'): Violation[] {
  const normalized = normalizeEmail(email);
  if (normalized === '') return [{ field, code: 'REQUIRED' }];
  if (normalized.length > 254 || !emailShape.test(normalized)) return [{ field, code: 'INVALID_EMAIL' }];
  return [];
}

/** The password strength rule; `email` lets it refuse a password built from the address. */
export function passwordViolations(password: string, email: string, field = 'password'): Violation[] {
  if (password === '') return [{ field, code: 'REQUIRED' }];
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) return [{ field, code: 'PASSWORD_LENGTH' }];
  if (!/\p{L}/u.test(password) || !/\p{N}/u.test(password)) return [{ field, code: 'PASSWORD_TOO_SIMPLE' }];
  const lower = password.toLowerCase();
  const name = normalizeEmail(email).split('@')[0] ?? '';
  if (commonPasswords.has(lower) || (name.length >= 4 && lower.includes(name))) return [{ field, code: 'PASSWORD_TOO_COMMON' }];
  return [];
}

export function promoCodeViolations(promoCode: string, field = 'promo_code'): Violation[] {
  if (promoCode === '') return [];
  return /^[A-Za-z0-9-]{3,32}$/.test(promoCode) ? [] : [{ field, code: 'INVALID_PROMO_CODE' }];
}

export type ConsentInput = { readonly accepted: boolean; readonly textVersion: string } | undefined;

export function consentViolations(consent: ConsentInput): Violation[] {
  if (!consent?.accepted) return [{ field: 'consent.accepted', code: 'CONSENT_REQUIRED' }];
  if (!/^[\w.-]{1,32}$/.test(consent.textVersion)) return [{ field: 'consent.text_version', code: 'INVALID_CONSENT_VERSION' }];
  return [];
}

export function phoneViolations(phone: string, field = 'phone'): Violation[] {
  if (phone.trim() === '') return [{ field, code: 'REQUIRED' }];
  return /^\+[1-9]\d{7,14}$/.test(phone.trim()) ? [] : [{ field, code: 'INVALID_PHONE' }];
}
