import { consentViolations, emailViolations, normalizeEmail, passwordViolations, promoCodeViolations } from './credential-policy';

describe('Credential policy', () => {
  it('normalises emails and refuses malformed ones by field', () => {
    expect(normalizeEmail('  Anna@Example.RU ')).toBe('anna@example.ru');
    expect(emailViolations('anna@example')).toEqual([{ field: 'email', code: 'INVALID_EMAIL' }]);
    expect(emailViolations(' ')).toEqual([{ field: 'email', code: 'REQUIRED' }]);
  });

  it.each([
    ['short1', 'PASSWORD_LENGTH'],
    ['onlyletterslong', 'PASSWORD_TOO_SIMPLE'],
    ['12345678901', 'PASSWORD_TOO_SIMPLE'],
    ['Password123', 'PASSWORD_TOO_COMMON'],
    ['annasmith2026', 'PASSWORD_TOO_COMMON'],
  ])('refuses %s with %s', (password, code) => {
    expect(passwordViolations(password, 'annasmith@example.ru')).toEqual([{ field: 'password', code }]);
  });

  it('accepts a long password with letters and digits, in any script', () => {
    expect(passwordViolations('Сирень в мае 2026', 'anna@example.ru')).toEqual([]);
  });

  it('requires accepted consent with a text version, and a well-formed promo code when given', () => {
    expect(consentViolations(undefined)).toEqual([{ field: 'consent.accepted', code: 'CONSENT_REQUIRED' }]);
    expect(consentViolations({ accepted: true, textVersion: '' })).toEqual([{ field: 'consent.text_version', code: 'INVALID_CONSENT_VERSION' }]);
    expect(consentViolations({ accepted: true, textVersion: '2026-01' })).toEqual([]);
    expect(promoCodeViolations('')).toEqual([]);
    expect(promoCodeViolations('SPRING 2026')).toEqual([{ field: 'promo_code', code: 'INVALID_PROMO_CODE' }]);
  });
});
