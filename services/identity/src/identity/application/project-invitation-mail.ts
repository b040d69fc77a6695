import { Inject, Injectable } from '@nestjs/common';
import { IDENTITY_SETTINGS, MAILER, USERS_STORE } from '../../identity.di-tokens';
import type { Mailer } from './delivery.port';
import { consoleLink, type IdentitySettings } from './identity-settings';
import type { Locale } from './locale';
import { projectInvitationMessage } from './notifications';
import type { UsersStore } from './users.port';

/** An invitation to a project that its invitee is to receive by email, as projects announced it. */
export type ProjectInvitationToEmail = {
  readonly invitationId: string;
  readonly projectName: string;
  readonly inviteeEmail: string;
  readonly inviterUserId: string;
  /** Empty when the inviter called with an API key. */
  readonly inviterEmail: string;
  readonly token: string;
  readonly expiresAt: Date;
  /** The inviter's language: the invitee most likely reads it too. */
  readonly language: Locale;
};

/**
 * Emails the invitee of a project the link that accepts the invitation. Projects owns the
 * invitation; identity owns the mail port and the inviter's profile, so the email can say who
 * invites by name.
 */
@Injectable()
export class ProjectInvitationMail {
  constructor(
    @Inject(USERS_STORE) private readonly users: UsersStore,
    @Inject(MAILER) private readonly mailer: Mailer,
    @Inject(IDENTITY_SETTINGS) private readonly settings: IdentitySettings,
  ) {}

  async send(invitation: ProjectInvitationToEmail): Promise<void> {
    const message = projectInvitationMessage(
      invitation.inviteeEmail,
      {
        projectName: invitation.projectName,
        inviter: await this.inviterOf(invitation),
        link: consoleLink(this.settings, 'invitations/accept', invitation.token),
        expiresAt: invitation.expiresAt,
      },
      invitation.language,
    );
    await this.mailer.send(message);
  }

  /** "Анна Петрова (anna@example.com)", or whichever of the two is known. */
  private async inviterOf(invitation: ProjectInvitationToEmail): Promise<string> {
    const user = invitation.inviterUserId === '' ? undefined : await this.users.findById(invitation.inviterUserId);
    const name = user ? [user.names.firstName, user.names.lastName].map((part) => part.trim()).filter(Boolean).join(' ') : '';
    const email = invitation.inviterEmail !== '' ? invitation.inviterEmail : (user?.email ?? '');
    if (name === '') return email;
    return email === '' ? name : `${name} (${email})`;
  }
}
