import type { Locale } from '../application/locale';

type Wording = { readonly ru: string; readonly en: string };

// Every code identity answers with, worded for people. A code missing here falls back to the
// generic wording, so a new rule never reaches a user as a bare code.
const wordings: Record<string, Wording> = {
  VALIDATION_FAILED: { ru: 'Проверьте введённые данные', en: 'Please check the data you entered' },
  REQUIRED: { ru: 'Обязательное поле', en: 'This field is required' },
  INVALID_EMAIL: { ru: 'Некорректный адрес электронной почты', en: 'This is not a valid email address' },
  PASSWORD_LENGTH: { ru: 'Пароль должен содержать от 10 до 128 символов', en: 'The password must be 10 to 128 characters long' },
  PASSWORD_TOO_SIMPLE: { ru: 'Пароль должен содержать буквы и цифры', en: 'The password must contain letters and digits' },
  PASSWORD_TOO_COMMON: { ru: 'Пароль слишком легко угадать', en: 'The password is too easy to guess' },
  INVALID_PROMO_CODE: { ru: 'Промокод может содержать от 3 до 32 латинских букв, цифр и дефисов', en: 'A promo code is 3 to 32 Latin letters, digits or dashes' },
  CONSENT_REQUIRED: { ru: 'Нужно согласие на обработку персональных данных', en: 'Consent to personal data processing is required' },
  INVALID_CONSENT_VERSION: { ru: 'Не указана версия текста согласия', en: 'The consent text version is missing or malformed' },
  INVALID_PHONE: { ru: 'Укажите номер в международном формате, например +79161234567', en: 'Enter the number in international format, e.g. +79161234567' },
  INVALID_CODE_FORMAT: { ru: 'Код состоит из шести цифр', en: 'The code is six digits' },
  INVALID_LENGTH: { ru: 'Недопустимая длина', en: 'The length is not allowed' },
  INVALID_NAME: { ru: 'Допустимы только буквы, пробелы, дефисы и апострофы', en: 'Only letters, spaces, hyphens and apostrophes are allowed' },
  UNKNOWN_SCOPE: { ru: 'Неизвестная область доступа', en: 'Unknown scope' },
  WRONG_PASSWORD: { ru: 'Неверный текущий пароль', en: 'The current password is wrong' },
  INVALID_CREDENTIALS: { ru: 'Неверный email или пароль, либо сессия завершена', en: 'Wrong email or password, or the session has ended' },
  ACCESS_TOKEN_EXPIRED: { ru: 'Срок действия токена доступа истёк', en: 'The access token has expired' },
  TOO_MANY_ATTEMPTS: { ru: 'Слишком много попыток входа. Повторите позже', en: 'Too many sign-in attempts. Please try again later' },
  INVALID_CODE: { ru: 'Неверный код', en: 'The code is wrong' },
  CODE_EXPIRED: { ru: 'Срок действия кода истёк, запросите новый', en: 'The code has expired; request a new one' },
  CODE_ATTEMPTS_EXCEEDED: { ru: 'Слишком много неверных попыток, запросите новый код', en: 'Too many wrong attempts; request a new code' },
  INVALID_RESET_LINK: { ru: 'Ссылка для восстановления недействительна', en: 'The password reset link is not valid' },
  RESET_LINK_EXPIRED: { ru: 'Срок действия ссылки истёк, запросите новую', en: 'The link has expired; request a new one' },
  API_KEY_NOT_FOUND: { ru: 'Ключ API не найден', en: 'API key not found' },
  LOCAL_OUTBOX_DISABLED: { ru: 'Локальная почта доступна только во встроенном режиме', en: 'The local outbox is available in the embedded mode only' },
};

export const wordingOf = (code: string, locale: Locale): string => (wordings[code] ?? wordings.VALIDATION_FAILED!)[locale];
