import { ValidationError } from '@zvonar/eventsourcing';
import type { Locale } from '@zvonar/project-access';
import type { Violation } from '../domain/project-rules';

type Wording = { readonly ru: string; readonly en: string };

// Every code projects answers with, worded for people. A code missing here falls back to the
// generic wording, so a new rule never reaches a user as a bare code.
const wordings: Record<string, Wording> = {
  VALIDATION_FAILED: { ru: 'Проверьте введённые данные', en: 'Please check the data you entered' },
  REQUIRED: { ru: 'Обязательное поле', en: 'This field is required' },
  INVALID_LENGTH: { ru: 'Недопустимая длина', en: 'The length is not allowed' },
  INVALID_KEY: {
    ru: 'Ключ переменной: латинская буква, затем латинские буквы, цифры или «_», до 64 символов',
    en: 'A variable key is a Latin letter followed by Latin letters, digits or "_", up to 64 characters',
  },
  KEY_TAKEN: { ru: 'Поле с таким ключом уже есть в проекте', en: 'The project already has a field with this key' },
  INVALID_TYPE: { ru: 'Тип поля: строка, число, дата или логическое', en: 'The field type must be string, number, date or boolean' },
  TOO_MANY_FIELDS: { ru: 'Слишком много полей в проекте', en: 'The project has too many fields' },
  TOO_MANY_TAGS: { ru: 'Не больше 20 тегов', en: 'No more than 20 tags' },
  INVALID_TAG: { ru: 'Тег должен содержать от 1 до 50 символов', en: 'A tag must be 1 to 50 characters long' },
  INVALID_EMAIL: { ru: 'Некорректный адрес электронной почты', en: 'This is not a valid email address' },
  INVALID_PAGE_TOKEN: { ru: 'Недействительная ссылка на страницу списка', en: 'The page token is not valid' },
  FIELD_NOT_FOUND: { ru: 'В проекте нет поля с таким ключом', en: 'The project has no field with this key' },
  INVITATION_NOT_FOUND: { ru: 'Приглашение не найдено', en: 'Invitation not found' },
  INVITATION_ALREADY_ACCEPTED: { ru: 'Приглашение уже принято', en: 'The invitation has already been accepted' },
  INVITATION_EXPIRED: {
    ru: 'Срок действия приглашения истёк: попросите владельца проекта пригласить вас снова',
    en: 'The invitation has expired: ask the project owner to invite you again',
  },
  ALREADY_MEMBER: { ru: 'У этого пользователя уже есть доступ к проекту', en: 'This user already has access to the project' },
  ALREADY_INVITED: { ru: 'Этот адрес уже приглашён', en: 'This address has already been invited' },
  MEMBER_NOT_FOUND: { ru: 'Участник не найден', en: 'Member not found' },
  OWNER_CANNOT_BE_REVOKED: { ru: 'Нельзя забрать доступ у владельца проекта', en: 'The owner’s access cannot be revoked' },
  ALREADY_ARCHIVED: { ru: 'Проект уже в архиве', en: 'The project is already archived' },
  NOT_ARCHIVED: { ru: 'Проект не в архиве', en: 'The project is not archived' },
};

export const wordingOf = (code: string, locale: Locale): string => (wordings[code] ?? wordings.VALIDATION_FAILED!)[locale];

/** Throws INVALID_ARGUMENT with each violation worded for the caller when any check failed. */
export function assertValid(violations: readonly Violation[], locale: Locale): void {
  if (violations.length === 0) return;
  throw new ValidationError(
    wordingOf('VALIDATION_FAILED', locale),
    violations.map((violation) => ({ ...violation, message: wordingOf(violation.code, locale) })),
  );
}
