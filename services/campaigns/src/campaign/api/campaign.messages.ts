import type { Metadata } from '@grpc/grpc-js';
import { DomainError, IllegalStateError, NotFoundError, ValidationError, type FieldViolation } from '@zvonar/eventsourcing';
import { CampaignNotFoundError } from '../domain';

/**
 * User-facing messages in Russian (the default) or English, by `accept-language`. The domain
 * speaks English; Russian is produced here from the stable parts of each error: the violation
 * code, the field and the state, never by translating free text.
 */
export type Locale = 'ru' | 'en';

/** Russian unless the caller asked for English ("en", "en-US, ru;q=0.5"). */
export const localeOf = (metadata: Metadata | undefined): Locale => {
  const [value] = metadata?.get('accept-language') ?? [];
  return typeof value === 'string' && value.trim().toLowerCase().startsWith('en') ? 'en' : 'ru';
};

const STATE_RU: Record<string, string> = {
  Draft: 'черновик',
  Scheduled: 'запланирована',
  Running: 'запущена',
  Paused: 'на паузе',
  Stopped: 'остановлена',
  Completed: 'завершена',
  Archived: 'в архиве',
};

const REQUIRED_RU: Record<string, string> = {
  name: 'Укажите название',
  projectId: 'Укажите проект',
  audienceIds: 'Выберите хотя бы одну аудиторию',
  scenario: 'Выберите опубликованную версию сценария',
  'telephony.callerNumbers': 'Выберите хотя бы один номер',
};

const BY_CODE_RU: Record<string, string> = {
  NOT_PUBLISHED: 'Эта версия сценария не опубликована',
  NOT_IN_PROJECT: 'Эта версия сценария не опубликована в этом проекте',
  UNKNOWN_TIME_ZONE: 'Неизвестный часовой пояс',
  INVALID_DATE: 'Укажите дату в формате ГГГГ-ММ-ДД',
  INVALID_TIME: 'Укажите время в формате ЧЧ:ММ',
  WINDOW_NEVER_OPENS: 'Окно звонков никогда не открывается',
  INVALID_UUID: 'Идентификатор должен быть UUID',
  INVALID_PAGE_TOKEN: 'Неверный токен страницы',
};

/** `settings.telephony.callerNumbers` -> `telephony.callerNumbers`: the domain's name of the field. */
const domainField = (field: string): string => field.replace(/^settings\./, '');

const violationRu = ({ field, code, message }: FieldViolation): string => {
  if (code === 'REQUIRED') return REQUIRED_RU[domainField(field)] ?? 'Обязательное поле';
  if (code === 'OUT_OF_RANGE') {
    const range = /from (\S+) to (\S+)$/.exec(message);
    const kind = message.includes('whole number') ? 'Целое число' : 'Значение';
    return range ? `${kind} от ${range[1]} до ${range[2]}` : 'Значение вне допустимого диапазона';
  }
  return BY_CODE_RU[code] ?? message;
};

const translateRu = (error: unknown): unknown => {
  if (error instanceof ValidationError) {
    const violations = error.violations.map((violation) => ({ ...violation, message: violationRu(violation) }));
    const launch = error.message.startsWith('The campaign cannot be launched');
    const summary = launch ? `Кампанию нельзя запустить: ${violations.map((violation) => violation.message).join('; ')}` : 'Проверьте введённые данные';
    return new ValidationError(summary, violations);
  }
  if (error instanceof IllegalStateError) {
    if (error.message.includes('limit is still reached')) return new IllegalStateError('Лимит всё ещё достигнут: поднимите его, чтобы продолжить', error.state);
    const state = STATE_RU[error.state ?? ''];
    return new IllegalStateError(state ? `Действие недоступно: кампания ${state}` : 'Действие недоступно в текущем состоянии', error.state);
  }
  if (error instanceof CampaignNotFoundError) return new NotFoundError('Кампания не найдена');
  if (error instanceof DomainError && error.code === 'AUDIENCE_UNREADABLE') return new DomainError('Не удалось прочитать аудиторию кампании: попробуйте позже', error.code);
  if (error instanceof NotFoundError && error.message.startsWith('Template')) return new NotFoundError('Шаблон не найден');
  return error;
};

/** Violations a response carries (not an error): their messages in the caller's language. */
export const localizedViolations = (metadata: Metadata | undefined, violations: readonly FieldViolation[]): FieldViolation[] =>
  localeOf(metadata) === 'en' ? [...violations] : violations.map((violation) => ({ ...violation, message: violationRu(violation) }));

/** Runs a request and reports its domain error in the caller's language. */
export const localized = async <T>(metadata: Metadata | undefined, work: () => Promise<T>): Promise<T> => {
  try {
    return await work();
  } catch (error) {
    throw localeOf(metadata) === 'en' ? error : translateRu(error);
  }
};
