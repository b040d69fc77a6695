import { ValidationError, type FieldViolation } from '@zvonar/eventsourcing';
import { isKnownTimeZone } from './zone-offset';
import { instantOfWallTime } from './wall-time';

/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
export const ALL_WEEKDAYS: readonly Weekday[] = [1, 2, 3, 4, 5, 6, 7];

/** Local wall-clock range, `HH:MM`, end exclusive; `to` may be `24:00`. */
export type DailyWindow = { readonly from: string; readonly to: string };

/** The wizard's schedule, as the user typed it. */
export type ScheduleSettings = {
  /** `YYYY-MM-DD` in `timeZone`. */
  readonly startDate: string;
  /** `HH:MM` in `timeZone`. */
  readonly startTime: string;
  /** Zone of the start date and time (the user's zone); contacts are called in their own zones. */
  readonly timeZone: string;
  /** Same window every allowed day, in each contact's local time; absent = the default windows. */
  readonly dailyWindow?: DailyWindow | null;
  readonly weekdays: readonly Weekday[];
};

/** Minutes of the local day, [from, to). */
export type MinuteRange = { readonly from: number; readonly to: number };

/** A schedule resolved for arithmetic: no strings, no zone lookups. */
export type CallingSchedule = {
  readonly startsAtMs: number;
  /** Index = ISO weekday (0 unused); null = no calls that day. */
  readonly windowByWeekday: readonly (MinuteRange | null)[];
};

export const DEFAULT_WEEKDAY_WINDOW: DailyWindow = { from: '08:00', to: '22:00' };
export const DEFAULT_WEEKEND_WINDOW: DailyWindow = { from: '09:00', to: '20:00' };

const TIME = /^(\d{2}):(\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const minuteOfDay = (time: string): number | null => {
  const match = TIME.exec(time);
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes > 0)) return null;
  return hours * 60 + minutes;
};

const dateParts = (date: string): { year: number; month: number; day: number } | null => {
  const match = DATE.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day ? { year, month, day } : null;
};

const isWeekday = (value: number): value is Weekday => Number.isInteger(value) && value >= 1 && value <= 7;

/** Every reason the schedule is unusable, each naming its field under `prefix` (e.g. `schedule`). */
export const scheduleViolations = (settings: ScheduleSettings, prefix = 'schedule'): FieldViolation[] => {
  const violations: FieldViolation[] = [];
  const add = (field: string, code: string, message: string) => violations.push({ field: `${prefix}.${field}`, code, message });
  if (!isKnownTimeZone(settings.timeZone)) add('timeZone', 'UNKNOWN_TIME_ZONE', `"${settings.timeZone}" is not an IANA time zone`);
  if (!dateParts(settings.startDate)) add('startDate', 'INVALID_DATE', 'start date must be YYYY-MM-DD');
  const startMinute = minuteOfDay(settings.startTime);
  if (startMinute === null || startMinute >= 24 * 60) add('startTime', 'INVALID_TIME', 'start time must be HH:MM');
  if (settings.weekdays.length === 0 || !settings.weekdays.every(isWeekday)) {
    add('weekdays', 'WINDOW_NEVER_OPENS', 'choose at least one weekday (1 = Monday ... 7 = Sunday)');
  }
  if (settings.dailyWindow) {
    const from = minuteOfDay(settings.dailyWindow.from);
    const to = minuteOfDay(settings.dailyWindow.to);
    if (from === null || to === null) add('dailyWindow', 'INVALID_TIME', 'window bounds must be HH:MM (to may be 24:00)');
    else if (from >= to) add('dailyWindow', 'WINDOW_NEVER_OPENS', `window ${settings.dailyWindow.from}-${settings.dailyWindow.to} is empty`);
  }
  return violations;
};

const rangeOf = (window: DailyWindow): MinuteRange => ({ from: minuteOfDay(window.from) ?? 0, to: minuteOfDay(window.to) ?? 0 });

/** Resolves a valid schedule; throws a ValidationError naming every bad field otherwise. */
export const resolveSchedule = (settings: ScheduleSettings, prefix = 'schedule'): CallingSchedule => {
  const violations = scheduleViolations(settings, prefix);
  if (violations.length > 0) throw new ValidationError('The calling schedule is invalid', violations);
  const date = dateParts(settings.startDate);
  const wall = Date.UTC(date?.year ?? 1970, (date?.month ?? 1) - 1, date?.day ?? 1) + (minuteOfDay(settings.startTime) ?? 0) * 60_000;
  const allowed = new Set(settings.weekdays);
  const windowByWeekday: (MinuteRange | null)[] = [null];
  for (const weekday of ALL_WEEKDAYS) {
    const fallback = weekday >= 6 ? DEFAULT_WEEKEND_WINDOW : DEFAULT_WEEKDAY_WINDOW;
    windowByWeekday.push(allowed.has(weekday) ? rangeOf(settings.dailyWindow ?? fallback) : null);
  }
  return { startsAtMs: instantOfWallTime(settings.timeZone, wall), windowByWeekday };
};
