import type { Language } from '@zvonar/platform';
import type { Localized } from './problem-titles';

/** Texts of the answers the gateway gives itself; the services' own messages pass through unchanged. */
export const gatewayMessages = {
  credentialRequired: {
    ru: 'Нужен токен доступа (Authorization: Bearer …) или ключ API (X-Api-Key)',
    en: 'An access token (Authorization: Bearer …) or an API key (X-Api-Key) is required',
  },
  scopeMissing: {
    ru: 'У ключа API нет нужного права',
    en: 'The API key lacks the scope',
  },
  tooManyRequests: {
    ru: 'Слишком много запросов, повторите позже',
    en: 'Too many requests, retry later',
  },
  invalidRequest: {
    ru: 'Проверьте поля запроса',
    en: 'Check the request fields',
  },
  idempotencyKeyInvalid: {
    ru: 'Idempotency-Key: от 1 до 255 печатных символов',
    en: 'Idempotency-Key must be 1 to 255 printable characters',
  },
  idempotencyKeyReused: {
    ru: 'Этот Idempotency-Key уже использован с другим запросом',
    en: 'This Idempotency-Key was already used with a different request',
  },
  idempotencyKeyInFlight: {
    ru: 'Запрос с этим Idempotency-Key ещё выполняется',
    en: 'A request with this Idempotency-Key is still being processed',
  },
  refreshTokenRequired: {
    ru: 'Нужен refresh-токен (в теле запроса или в cookie)',
    en: 'A refresh token is required (in the body or the cookie)',
  },
  notFound: { ru: 'Не найдено', en: 'Not found' },
  bodyTooLarge: { ru: 'Слишком большое тело запроса', en: 'The request body is too large' },
  unsupportedMediaType: { ru: 'Неподдерживаемый Content-Type', en: 'Unsupported Content-Type' },
  malformedBody: { ru: 'Тело запроса не разобрано: проверьте JSON', en: 'The request body could not be parsed: check the JSON' },
} satisfies Record<string, Localized>;

export const say = (message: Localized, language: Language): string => message[language];
