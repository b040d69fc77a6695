import { projectsV1 } from '@zvonar/proto-ts';
import { decodeInvitationIssued, INVITATION_ISSUED } from './project-invitations.consumer';

const issued = (overrides: Partial<projectsV1.ProjectInvitationIssued> = {}): Uint8Array =>
  projectsV1.ProjectInvitationIssued.encode({
    invitationId: 'inv-1',
    projectId: 'project-1',
    projectName: 'Опрос',
    inviteeEmail: 'guest@example.com',
    inviterUserId: 'user-1',
    inviterEmail: 'owner@example.com',
    token: 'secret-token',
    issuedAt: new Date('2026-03-02T09:00:00.000Z'),
    expiresAt: new Date('2026-03-09T09:00:00.000Z'),
    language: 'en',
    ...overrides,
  }).finish();

const message = (type = INVITATION_ISSUED) => ({ type, messageId: 'ProjectInvitationIssued:inv-1' });

describe('decoding ProjectInvitationIssued', () => {
  it('turns the message into the invitation to email', () => {
    expect(decodeInvitationIssued(issued(), message())).toEqual({
      invitationId: 'inv-1',
      projectName: 'Опрос',
      inviteeEmail: 'guest@example.com',
      inviterUserId: 'user-1',
      inviterEmail: 'owner@example.com',
      token: 'secret-token',
      expiresAt: new Date('2026-03-09T09:00:00.000Z'),
      language: 'en',
    });
  });

  it('words the email in Russian unless the inviter asked for English', () => {
    expect(decodeInvitationIssued(issued({ language: '' }), message())?.language).toBe('ru');
    expect(decodeInvitationIssued(issued({ language: 'de' }), message())?.language).toBe('ru');
  });

  it('skips a type it does not read (a newer producer), without dead-lettering it', () => {
    expect(decodeInvitationIssued(issued(), message('zvonar.projects.v1.SomethingNew'))).toBeNull();
  });

  it('refuses a message that can never become an email (the bus dead-letters it)', () => {
    expect(() => decodeInvitationIssued(issued({ token: '' }), message())).toThrow(/no invitee, token or expiry/);
    expect(() => decodeInvitationIssued(issued({ inviteeEmail: '' }), message())).toThrow(/no invitee, token or expiry/);
    expect(() => decodeInvitationIssued(issued({ expiresAt: undefined }), message())).toThrow(/no invitee, token or expiry/);
  });
});
