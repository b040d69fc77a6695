import { checkSecret, expiresAfter, MAX_CODE_ATTEMPTS, type SingleUseSecret } from './single-use-secret';

const issuedAt = new Date('2026-01-01T09:00:00Z');
const code = (overrides: Partial<SingleUseSecret> = {}): SingleUseSecret => ({
  expiresAt: expiresAfter(issuedAt, 15 * 60_000),
  consumedAt: null,
  failedAttempts: 0,
  ...overrides,
});
const minutesLater = (minutes: number) => new Date(issuedAt.getTime() + minutes * 60_000);

describe('Single-use secret (codes and reset links)', () => {
  it('accepts the right code before expiry and refuses a wrong one', () => {
    expect(checkSecret(code(), true, minutesLater(14))).toBe('Accepted');
    expect(checkSecret(code(), false, minutesLater(14))).toBe('Mismatch');
  });

  it('expires at the expiry time, even for the right code', () => {
    expect(checkSecret(code(), true, minutesLater(15))).toBe('Expired');
  });

  it('works once', () => {
    expect(checkSecret(code({ consumedAt: minutesLater(1) }), true, minutesLater(2))).toBe('Consumed');
  });

  it('burns after the allowed wrong attempts, so a six-digit code cannot be walked', () => {
    expect(checkSecret(code({ failedAttempts: MAX_CODE_ATTEMPTS - 1 }), true, minutesLater(1))).toBe('Accepted');
    expect(checkSecret(code({ failedAttempts: MAX_CODE_ATTEMPTS }), true, minutesLater(1))).toBe('Burnt');
  });
});
