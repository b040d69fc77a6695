import { expiryText, projectInvitationMessage } from './notifications';

const invitation = {
  projectName: 'Обзвон клиентов',
  inviter: 'Анна Петрова (anna@example.com)',
  link: 'https://cabinet.example.test/invitations/accept?token=abc_DEF-123',
  expiresAt: new Date('2026-03-09T07:05:00.000Z'),
};

describe('the project invitation email', () => {
  it('is in Russian by default: who invites, to which project, the link and until when it works', () => {
    expect(projectInvitationMessage('guest@example.com', invitation, 'ru')).toEqual({
      to: 'guest@example.com',
      subject: 'Звонарь: приглашение в проект «Обзвон клиентов»',
      body:
        'Анна Петрова (anna@example.com) приглашает вас к совместной работе над проектом «Обзвон клиентов» в Звонаре. ' +
        'Чтобы принять приглашение, откройте https://cabinet.example.test/invitations/accept?token=abc_DEF-123 . ' +
        'Ссылка действует до 09.03.2026 07:05 UTC. Если вы не ждали приглашения, просто не отвечайте на это письмо.',
    });
  });

  it('is in English when the inviter works in English', () => {
    const message = projectInvitationMessage('guest@example.com', invitation, 'en');
    expect(message.subject).toBe('Zvonar: an invitation to the project "Обзвон клиентов"');
    expect(message.body).toBe(
      'Анна Петрова (anna@example.com) invites you to work together on the project "Обзвон клиентов" in Zvonar. ' +
        'To accept, open https://cabinet.example.test/invitations/accept?token=abc_DEF-123 . ' +
        'The link works until 9 March 2026, 07:05 UTC. If you did not expect this invitation, ignore this email.',
    );
  });

  it('does without the inviter when identity knows neither their name nor their email', () => {
    expect(projectInvitationMessage('guest@example.com', { ...invitation, inviter: '' }, 'ru').body).toMatch(/^Вас приглашают к совместной работе/);
    expect(projectInvitationMessage('guest@example.com', { ...invitation, inviter: '' }, 'en').body).toMatch(/^You are invited to work together/);
  });

  it('spells the expiry in UTC, the same whatever the server time zone', () => {
    expect(expiryText(new Date('2026-12-31T23:59:00.000Z'), 'ru')).toBe('31.12.2026 23:59 UTC');
    expect(expiryText(new Date('2026-01-01T00:00:00.000Z'), 'en')).toBe('1 January 2026, 00:00 UTC');
  });
});
