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
