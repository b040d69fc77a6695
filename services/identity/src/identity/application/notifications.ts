import type { EmailMessage, SmsMessage } from './delivery.port';
import type { Locale } from './locale';

// The texts identity sends. Kept apart from the use cases so wording changes touch one file.

export const emailCodeMessage = (to: string, code: string, locale: Locale): EmailMessage =>
  locale === 'en'
    ? { to, subject: 'Zvonar: confirm your email', body: `Your confirmation code: ${code}. It works for 15 minutes.` }
    : { to, subject: 'Звонарь: подтвердите email', body: `Ваш код подтверждения: ${code}. Он действует 15 минут.` };

export const alreadyRegisteredMessage = (to: string, locale: Locale): EmailMessage =>
  locale === 'en'
    ? { to, subject: 'Zvonar: someone tried to register with your email', body: 'This email already has an account. If it was you, sign in or reset your password.' }
    : { to, subject: 'Звонарь: попытка регистрации с вашим email', body: 'С этим email уже есть учётная запись. Если это были вы, войдите или восстановите пароль.' };

export const phoneCodeMessage = (to: string, code: string, locale: Locale): SmsMessage => ({
  to,
  body: locale === 'en' ? `Zvonar code: ${code}` : `Код Звонаря: ${code}`,
});

export const passwordResetMessage = (to: string, link: string, locale: Locale): EmailMessage =>
  locale === 'en'
    ? { to, subject: 'Zvonar: reset your password', body: `To set a new password, open ${link} . The link works once, for one hour.` }
    : { to, subject: 'Звонарь: восстановление пароля', body: `Чтобы задать новый пароль, откройте ${link} . Ссылка одноразовая и действует один час.` };

export type ProjectInvitation = {
  readonly projectName: string;
  /** How the inviter is named: their name and email, whichever identity knows; empty when neither. */
  readonly inviter: string;
  readonly link: string;
  readonly expiresAt: Date;
};

const two = (value: number): string => String(value).padStart(2, '0');
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The expiry in UTC, spelled out: the reader's time zone is not known, and "UTC" says so. */
export const expiryText = (at: Date, locale: Locale): string => {
  const time = `${two(at.getUTCHours())}:${two(at.getUTCMinutes())} UTC`;
  return locale === 'en'
    ? `${at.getUTCDate()} ${MONTHS_EN[at.getUTCMonth()]} ${at.getUTCFullYear()}, ${time}`
    : `${two(at.getUTCDate())}.${two(at.getUTCMonth() + 1)}.${at.getUTCFullYear()} ${time}`;
};

export const projectInvitationMessage = (to: string, invitation: ProjectInvitation, locale: Locale): EmailMessage => {
  const { projectName, inviter, link } = invitation;
  const until = expiryText(invitation.expiresAt, locale);
  return locale === 'en'
    ? {
        to,
        subject: `Zvonar: an invitation to the project "${projectName}"`,
        body:
          `${inviter === '' ? 'You are invited' : `${inviter} invites you`} to work together on the project "${projectName}" in Zvonar. ` +
          `To accept, open ${link} . The link works until ${until}. If you did not expect this invitation, ignore this email.`,
      }
    : {
        to,
        subject: `Звонарь: приглашение в проект «${projectName}»`,
        body:
          `${inviter === '' ? 'Вас приглашают' : `${inviter} приглашает вас`} к совместной работе над проектом «${projectName}» в Звонаре. ` +
          `Чтобы принять приглашение, откройте ${link} . Ссылка действует до ${until}. Если вы не ждали приглашения, просто не отвечайте на это письмо.`,
      };
};
