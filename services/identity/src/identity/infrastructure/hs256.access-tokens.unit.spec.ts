import { Hs256AccessTokens } from './hs256.access-tokens';

const secret = 'a-test-secret-of-at-least-32-characters!';
const now = new Date('2026-01-01T09:00:00Z');
const claims = { userId: 'u-1', accountId: 'a-1', familyId: 'f-1', roles: ['user' as const] };

describe('HS256 access tokens', () => {
  const tokens = new Hs256AccessTokens(secret, 15 * 60_000);

  it('verifies what it issued until the expiry, then reports it expired', () => {
    const { token, expiresAt } = tokens.issue(claims, now);
    expect(expiresAt).toEqual(new Date('2026-01-01T09:15:00Z'));
    expect(tokens.verify(token, new Date('2026-01-01T09:14:59Z'))).toEqual({ ok: true, claims, expiresAt });
    expect(tokens.verify(token, expiresAt)).toEqual({ ok: false, reason: 'Expired' });
  });

  it('refuses a token signed with another key, a changed payload and an unsigned one', () => {
    const { token } = tokens.issue(claims, now);
    expect(new Hs256AccessTokens(`${secret}x`, 60_000).verify(token, now)).toEqual({ ok: false, reason: 'Invalid' });
    const [header, , signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ iss: 'zvonar-identity', sub: 'u-2', acc: 'a-2', sid: 'f-1', roles: ['admin'], iat: 0, exp: 9e9 })).toString('base64url');
    expect(tokens.verify(`${header}.${forged}.${signature}`, now)).toEqual({ ok: false, reason: 'Invalid' });
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    expect(tokens.verify(`${none}.${forged}.`, now)).toEqual({ ok: false, reason: 'Invalid' });
  });
});
