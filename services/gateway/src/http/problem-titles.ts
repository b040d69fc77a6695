import type { Language } from '@zvonar/platform';

/** A message in both languages the API speaks; Russian is the default. */
export type Localized = Readonly<Record<Language, string>>;

// Titles name the problem type, not the occurrence (RFC 9457), so they are fixed per status.
const titles: Record<number, Localized> = {
  400: { ru: 'Некорректный запрос', en: 'Bad request' },
  401: { ru: 'Требуется вход', en: 'Authentication required' },
  403: { ru: 'Недостаточно прав', en: 'Permission denied' },
  404: { ru: 'Не найдено', en: 'Not found' },
  405: { ru: 'Метод не поддерживается', en: 'Method not allowed' },
  409: { ru: 'Действие недоступно в текущем состоянии', en: 'The action conflicts with the current state' },
  413: { ru: 'Слишком большой запрос', en: 'Request too large' },
  415: { ru: 'Неподдерживаемый формат данных', en: 'Unsupported media type' },
  422: { ru: 'Некорректные данные запроса', en: 'The request data is invalid' },
  429: { ru: 'Слишком много запросов', en: 'Too many requests' },
  500: { ru: 'Внутренняя ошибка сервера', en: 'Internal server error' },
  501: { ru: 'Операция ещё не поддерживается', en: 'Not implemented yet' },
  502: { ru: 'Ошибка внутреннего сервиса', en: 'A service behind the gateway failed' },
  503: { ru: 'Сервис временно недоступен', en: 'The service is temporarily unavailable' },
};

const fallback: Localized = { ru: 'Ошибка запроса', en: 'Request error' };

export const problemTitle = (status: number, language: Language): string => (titles[status] ?? fallback)[language];

// The kinds the services' own HTTP filter names (libs/platform), so one problem type means one thing.
const kinds: Record<number, string> = { 404: 'not-found', 409: 'conflict', 422: 'invalid', 500: 'internal', 503: 'unavailable' };

/** Stable problem type URI of a status (`urn:zvonar:problem:not-found`, `urn:zvonar:problem:http-429`). */
export const problemType = (status: number): string => `urn:zvonar:problem:${kinds[status] ?? `http-${status}`}`;
