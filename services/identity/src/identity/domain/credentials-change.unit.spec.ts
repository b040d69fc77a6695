import { allSessionsEnded, apiKeyRevoked, principalChanged, sessionEnded } from './credentials-change';

const owner = { userId: 'user-1', accountId: 'account-1' };
const at = new Date('2026-03-02T09:00:00.000Z');

describe('credentials changes', () => {
  it('names a session or key change by the credential, which ends only once', () => {
    expect(sessionEnded(owner, 'family-1', at)).toEqual({ changeId: 'SessionEnded:family-1', kind: 'SessionEnded', ...owner, credentialId: 'family-1', occurredAt: at });
    expect(apiKeyRevoked(owner, 'key-1', at)).toEqual({ changeId: 'ApiKeyRevoked:key-1', kind: 'ApiKeyRevoked', ...owner, credentialId: 'key-1', occurredAt: at });
  });

  it('names the end of all sessions by the smallest family it ended, whatever order they came in, so two such changes in one millisecond differ', () => {
    const first = allSessionsEnded(owner, ['family-c', 'family-a', 'family-b'], at);
    expect(first).toEqual({ changeId: 'AllSessionsEnded:user-1:family-a', kind: 'AllSessionsEnded', ...owner, credentialId: '', occurredAt: at });
    expect(allSessionsEnded(owner, ['family-d'], at).changeId).not.toBe(first.changeId);
    expect(() => allSessionsEnded(owner, [], at)).toThrow('at least one');
  });

  it('names a principal change by the user, what changed and when', () => {
    expect(principalChanged(owner, 'EmailConfirmed', at)).toEqual({
      changeId: `PrincipalChanged:user-1:EmailConfirmed:${at.getTime()}`,
      kind: 'PrincipalChanged',
      ...owner,
      credentialId: '',
      occurredAt: at,
    });
  });
});
