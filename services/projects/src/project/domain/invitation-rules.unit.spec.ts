import { acceptRefusal, decideInvite, invitationExpiry, isExpired, isLive } from './invitation-rules';

const issuedAt = new Date('2026-03-02T09:00:00.000Z');
const expiresAt = invitationExpiry(issuedAt, 7);
const justBefore = new Date(expiresAt.getTime() - 1);
const pending = { invitationId: 'inv-1', status: 'Pending' as const, expiresAt };
const accepted = { ...pending, status: 'Accepted' as const };

describe('invitation expiry rules', () => {
  it('an invitation lives for the configured number of whole days from when it was issued', () => {
    expect(invitationExpiry(issuedAt, 7)).toEqual(new Date('2026-03-09T09:00:00.000Z'));
    expect(invitationExpiry(issuedAt, 1)).toEqual(new Date('2026-03-03T09:00:00.000Z'));
  });

  it('expires at its expiry instant, not a millisecond later', () => {
    expect(isExpired(pending, justBefore)).toBe(false);
    expect(isExpired(pending, expiresAt)).toBe(true);
    expect(isLive(pending, justBefore)).toBe(true);
    expect(isLive(pending, expiresAt)).toBe(false);
  });

  it('an accepted invitation is never live, whatever the time', () => {
    expect(isLive(accepted, issuedAt)).toBe(false);
  });

  describe('inviting an address', () => {
    it('given no pending invitation, when inviting, then a new one is issued', () => {
      expect(decideInvite(undefined, issuedAt)).toEqual({ outcome: 'issue', replaces: undefined });
    });

    it('given a live invitation, when inviting again, then ALREADY_INVITED', () => {
      expect(decideInvite(pending, justBefore)).toEqual({ outcome: 'refuse', code: 'ALREADY_INVITED' });
    });

    it('given an expired invitation, when inviting again, then the new one replaces it', () => {
      expect(decideInvite(pending, expiresAt)).toEqual({ outcome: 'issue', replaces: 'inv-1' });
    });
  });

  describe('accepting', () => {
    it('given a live invitation, when accepting, then nothing stands in the way', () => {
      expect(acceptRefusal(pending, justBefore)).toBeUndefined();
    });

    it('given an expired invitation, when accepting, then INVITATION_EXPIRED', () => {
      expect(acceptRefusal(pending, expiresAt)).toBe('INVITATION_EXPIRED');
    });

    it('given an accepted invitation past its expiry, when accepting again, then INVITATION_ALREADY_ACCEPTED', () => {
      expect(acceptRefusal(accepted, new Date(expiresAt.getTime() + 1))).toBe('INVITATION_ALREADY_ACCEPTED');
    });
  });
});
