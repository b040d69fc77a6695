export type Locale = 'ru' | 'en';

/** Russian unless the caller asked for English ("en", "en-US, ru;q=0.5"). */
export const localeFrom = (acceptLanguage: string | undefined): Locale =>
  acceptLanguage?.trim().toLowerCase().startsWith('en') ? 'en' : 'ru';
