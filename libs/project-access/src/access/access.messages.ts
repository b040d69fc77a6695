import type { AccessRefusalKind } from './domain/access-refusal';

export type Locale = 'ru' | 'en';

/** Russian unless the caller asked for English ("en", "en-US, ru;q=0.5"). */
export const localeFrom = (acceptLanguage: string | undefined): Locale =>
  acceptLanguage?.trim().toLowerCase().startsWith('en') ? 'en' : 'ru';

// The "not found" wording is the same for a missing project and for someone else's.
const wordings: Record<AccessRefusalKind, Record<Locale, string>> = {
  unauthenticated: { ru: 'Требуется вход в систему', en: 'Authentication is required' },
  'not-found': { ru: 'Проект не найден', en: 'Project not found' },
  forbidden: { ru: 'Недостаточно прав для этого действия в проекте', en: 'You do not have permission to do this in the project' },
  archived: { ru: 'Проект в архиве: изменения запрещены', en: 'The project is archived and cannot be changed' },
  // The gateway's wording for a dependency that is down, naming it.
  unavailable: { ru: 'Сервис projects недоступен', en: 'projects is unavailable' },
};

export const accessRefusalWording = (kind: AccessRefusalKind, locale: Locale): string => wordings[kind][locale];
