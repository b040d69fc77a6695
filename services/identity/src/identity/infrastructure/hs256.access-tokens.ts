import { createHmac, timingSafeEqual } from 'node:crypto';
import { isRole } from '../domain/roles';
import type { AccessClaims, AccessTokens, VerifiedAccess } from '../application/crypto.port';

const ISSUER = 'zvonar-identity';
// The header is fixed and never read back: verification accepts exactly this algorithm, so
// "alg": "none" and key-confusion tricks have nothing to act on.
const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

type Payload = { iss: string; sub: string; acc: string; sid: string; roles: string[]; iat: number; exp: number };

const isPayload = (value: unknown): value is Payload => {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Record<string, unknown>;
  return (
    p.iss === ISSUER &&
    typeof p.sub === 'string' &&
    typeof p.acc === 'string' &&
    typeof p.sid === 'string' &&
    Array.isArray(p.roles) &&
    typeof p.iat === 'number' &&
    typeof p.exp === 'number'
  );
};

/**
 * Access tokens as HS256 JWTs built on node:crypto (see the README for why not a library): only
 * identity signs and verifies them, so a shared secret suffices and there is one algorithm to
 * get right.
 */
export class Hs256AccessTokens implements AccessTokens {
  constructor(
    private readonly secret: string,
    private readonly ttlMs: number,
  ) {}

  issue(claims: AccessClaims, now: Date): { token: string; expiresAt: Date } {
    const iat = Math.floor(now.getTime() / 1000);
    const exp = iat + Math.floor(this.ttlMs / 1000);
    const payload: Payload = { iss: ISSUER, sub: claims.userId, acc: claims.accountId, sid: claims.familyId, roles: [...claims.roles], iat, exp };
    const body = `${HEADER}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
    return { token: `${body}.${this.sign(body)}`, expiresAt: new Date(exp * 1000) };
  }

  verify(token: string, now: Date): VerifiedAccess {
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== HEADER) return { ok: false, reason: 'Invalid' };
    const body = `${parts[0]}.${parts[1]}`;
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(parts[2] ?? '');
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'Invalid' };
    let payload: unknown;
    try {
      payload = JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8'));
    } catch {
      return { ok: false, reason: 'Invalid' };
    }
    if (!isPayload(payload)) return { ok: false, reason: 'Invalid' };
    if (payload.exp * 1000 <= now.getTime()) return { ok: false, reason: 'Expired' };
    return {
      ok: true,
      claims: { userId: payload.sub, accountId: payload.acc, familyId: payload.sid, roles: payload.roles.filter(isRole) },
      expiresAt: new Date(payload.exp * 1000),
    };
  }

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }
}
