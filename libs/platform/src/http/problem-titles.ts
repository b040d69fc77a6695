import type { ErrorKind } from '../errors/error-classification';

export type Language = 'ru' | 'en';

// Titles describe the problem type, not the occurrence (RFC 9457), so they are fixed per kind.
// Russian is the default: the console and most partners are Russian-speaking.
const titles: Record<ErrorKind | 'http', Record<Language, string>> = {
  conflict: {
    ru: 'Конфликт версий: данные изменились, повторите запрос',
    en: 'Conflict: the data changed, retry the request',
  },
  invalid: { ru: 'Некорректные данные запроса', en: 'The request data is invalid' },
  precondition: { ru: 'Действие недоступно в текущем состоянии', en: 'The action is not allowed in the current state' },
  'not-found': { ru: 'Не найдено', en: 'Not found' },
  unavailable: { ru: 'Сервис временно недоступен', en: 'The service is temporarily unavailable' },
  internal: { ru: 'Внутренняя ошибка сервера', en: 'Internal server error' },
  http: { ru: 'Ошибка запроса', en: 'Request error' },
};

export const problemTitle = (kind: ErrorKind | 'http', language: Language): string => titles[kind][language];

/**
 * The first supported language in Accept-Language, honouring q-values; Russian when the
 * header is absent or names nothing we speak.
 */
export function negotiateLanguage(acceptLanguage: string | undefined): Language {
  if (!acceptLanguage) return 'ru';
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [range = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { language: range.toLowerCase().split('-')[0] ?? '', q: q ? Number(q.slice(2)) : 1 };
    })
    .filter(({ q }) => q > 0)
    .sort((a, b) => b.q - a.q);
  const match = ranked.find(({ language }) => language === 'ru' || language === 'en');
  return (match?.language as Language | undefined) ?? 'ru';
}
