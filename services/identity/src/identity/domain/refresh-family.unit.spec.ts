import { decideRefresh, type RefreshTokenRecord, type SessionFamily } from './refresh-family';

const now = new Date('2026-01-01T09:00:00Z');
const later = new Date('2026-01-31T09:00:00Z');
const family = (overrides: Partial<SessionFamily> = {}): SessionFamily => ({ familyId: 'f-1', userId: 'u-1', revokedAt: null, ...overrides });
const token = (overrides: Partial<RefreshTokenRecord> = {}): RefreshTokenRecord => ({ familyId: 'f-1', expiresAt: later, rotatedAt: null, ...overrides });

describe('Refresh token family', () => {
  it('rotates the latest token of a live family', () => {
    expect(decideRefresh(token(), family(), now)).toEqual({ type: 'Rotate' });
  });

  it('revokes the whole family when a rotated token comes back', () => {
    expect(decideRefresh(token({ rotatedAt: now }), family(), now)).toEqual({ type: 'RevokeFamily', reason: 'ReuseDetected' });
  });

  it('rejects any token of a revoked family, rotated or not', () => {
    expect(decideRefresh(token(), family({ revokedAt: now }), now)).toEqual({ type: 'Reject', reason: 'Revoked' });
    expect(decideRefresh(token({ rotatedAt: now }), family({ revokedAt: now }), now)).toEqual({ type: 'Reject', reason: 'Revoked' });
  });

  it('rejects an expired token at and after its expiry', () => {
    expect(decideRefresh(token({ expiresAt: now }), family(), now)).toEqual({ type: 'Reject', reason: 'Expired' });
  });
});
