import type { FieldViolation } from '@zvonar/eventsourcing';
import type { MappingError } from '../../import/domain/column-mapping';
import { describeFailure } from '../../import/domain/import-failure';
import type { Locale } from '../../segment/application/locale';
import type { ImportJob } from './import-job';

const mappingTexts: Record<MappingError['code'], Record<Locale, string>> = {
  'no-phone-or-email': { ru: 'Укажите хотя бы один столбец с телефоном или e-mail', en: 'Map at least one column to phone or e-mail' },
  'several-email-columns': { ru: 'E-mail может быть только в одном столбце', en: 'Only one column can hold the e-mail' },
  'several-columns-for-messenger': { ru: 'Этот мессенджер уже назначен другому столбцу', en: 'This messenger is already mapped to another column' },
  'column-not-in-file': { ru: 'В файле нет такого столбца', en: 'The file has no such column' },
  'unknown-custom-field': { ru: 'В проекте нет такого поля', en: 'The project has no such custom field' },
  'custom-field-mapped-twice': { ru: 'Это поле уже назначено другому столбцу', en: 'This custom field is already mapped' },
};

/** A mapping error as the field of the request it concerns (`mapping[3].customFieldKey`). */
export function mappingViolation(error: MappingError, locale: Locale): FieldViolation {
  const code = error.code.toUpperCase().replace(/-/g, '_');
  const message = mappingTexts[error.code][locale];
  if (error.column === undefined) return { field: 'mapping', code, message };
  // The column itself points past the file; a custom field names a key; the others clash on the kind.
  const suffix = error.code === 'column-not-in-file' ? '' : error.code === 'unknown-custom-field' || error.code === 'custom-field-mapped-twice' ? '.customFieldKey' : '.kind';
  return { field: `mapping[${error.column}]${suffix}`, code, message };
}

const failureTexts: Record<NonNullable<ImportJob['failure']>['code'], string> = {
  'file-too-large': 'Файл больше допустимого размера; ничего не импортировано.',
  'unrecognised-encoding': 'Файл не в UTF-8 и не в Windows-1251; сохраните его как CSV в UTF-8.',
  'invalid-mapping': 'Сопоставление столбцов заполнено с ошибками.',
  'broken-quotes': 'В некоторых строках не закрыты кавычки; исправьте их или импортируйте, отклонив такие строки.',
  'unreadable-file': 'Файл не удалось прочитать.',
  'empty-file': 'В файле нет строк с данными.',
  interrupted: 'Импорт прерван остановкой сервиса; ничего не импортировано, запустите его снова.',
  internal: 'Импорт не удался из-за внутренней ошибки; ничего не импортировано.',
};

/** Why a job failed, in the caller's language. */
export function describeJobFailure(failure: NonNullable<ImportJob['failure']>, locale: Locale): string {
  if (locale === 'ru') return failureTexts[failure.code];
  if (failure.code === 'interrupted') return 'The import was interrupted by a service stop; nothing was imported, start it again.';
  if (failure.code === 'internal') return 'The import failed on an internal error; nothing was imported.';
  return describeFailure(failure);
}
