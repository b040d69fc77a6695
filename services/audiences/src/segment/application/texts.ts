import { NotFoundError, ValidationError, type FieldViolation } from '@zvonar/eventsourcing';
import type { Locale } from './locale';

type Text = Readonly<Record<Locale, string>>;

/** User-facing messages of the audiences service, Russian first. */
export const texts = {
  invalidRequest: { ru: 'Запрос заполнен с ошибками', en: 'The request has invalid fields' },
  required: { ru: 'Обязательное поле', en: 'Required' },
  name: { ru: 'Название от 1 до 200 символов', en: 'A name of 1 to 200 characters' },
  country: { ru: 'Код страны ISO из двух букв, например RU', en: 'A two-letter ISO country code such as RU' },
  delimiter: { ru: 'Разделитель: «;», «,», табуляция или «|»', en: 'The delimiter is one of ";", ",", tab or "|"' },
  segmentKind: { ru: 'Тип сегмента не поддерживается', en: 'Unsupported segment kind' },
  phone: { ru: 'Не похоже на номер телефона', en: 'Not a phone number' },
  uploadFinished: { ru: 'Загрузка уже использована для импорта', en: 'The upload was already used by an import' },
  segmentBusy: { ru: 'В сегмент уже идёт импорт', en: 'An import is already filling the segment' },
  validationRunning: { ru: 'Проверка сегмента уже идёт', en: 'A validation is already running on the segment' },
  blacklistCopy: { ru: ' (копия)', en: ' (copy)' },
  projectBlacklist: { ru: 'Чёрный список', en: 'Blacklist' },
} satisfies Record<string, Text>;

export const tooLarge = (limitBytes: number, locale: Locale): string =>
  locale === 'en'
    ? `The file is larger than the ${limitBytes} bytes allowed`
    : `Файл больше допустимых ${limitBytes} байт`;

export const notFound = (what: 'segment' | 'upload' | 'job' | 'contact', id: string, locale: Locale): NotFoundError => {
  const names: Record<typeof what, Text> = {
    segment: { ru: 'Сегмент', en: 'Segment' },
    upload: { ru: 'Загрузка', en: 'Upload' },
    job: { ru: 'Импорт', en: 'Import job' },
    contact: { ru: 'Контакт', en: 'Contact' },
  };
  return new NotFoundError(locale === 'en' ? `${names[what].en} ${id} not found` : `${names[what].ru} ${id} не найден(а)`);
};

/** INVALID_ARGUMENT with every violation named. */
export const invalid = (violations: readonly FieldViolation[], locale: Locale, message: string = texts.invalidRequest[locale]): ValidationError =>
  new ValidationError(message, violations);

export const required = (field: string, locale: Locale): FieldViolation => ({ field, code: 'REQUIRED', message: texts.required[locale] });
