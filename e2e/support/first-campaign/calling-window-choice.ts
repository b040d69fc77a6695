import type { DailyWindow } from '../../../tools/demo/src/first-campaign/first-campaign-settings';

export type { DailyWindow };

/** The window chosen for "now", and which zones it leaves open and closed. */
export interface WindowChoice<Z extends string> {
  readonly window: DailyWindow;
  readonly open: readonly Z[];
  readonly closed: readonly Z[];
}

const DAY = 24 * 60;

/** Minutes since local midnight of `at` in the IANA zone `zone`. */
export function localMinuteOfDay(at: Date, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const value = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? NaN);
  return (value('hour') % 24) * 60 + value('minute');
}

const hhmm = (minute: number): string => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/** Every subset of `items` of the given size, in order. */
function subsetsOf<T>(items: readonly T[], size: number): T[][] {
  if (size === 0) return [[]];
  return items.flatMap((item, index) => subsetsOf(items.slice(index + 1), size - 1).map((rest) => [item, ...rest]));
}

/**
 * The test runs at any real hour, yet its window check must mean something: a daily window that is
 * open now, and stays open for `marginMinutes`, in as many zones as possible, while at least one zone
 * is closed now and stays closed for `marginMinutes` (its contacts must be left waiting). Russian
 * zones are at least an hour apart, so some split always exists for margins under half an hour.
 */
export function chooseWindow<Z extends string>(now: Date, zones: readonly Z[], marginMinutes: number): WindowChoice<Z> {
  const minuteOf = new Map(zones.map((zone) => [zone, localMinuteOfDay(now, zone)]));
  const at = (zone: Z) => minuteOf.get(zone)!;
  for (let closedCount = 1; closedCount < zones.length; closedCount += 1) {
    for (const closed of subsetsOf(zones, closedCount)) {
      const open = zones.filter((zone) => !closed.includes(zone));
      // Opened a little before the earliest open zone's "now"; kept open the margin past the latest.
      const from = Math.max(0, Math.min(...open.map(at)) - 1);
      const to = Math.max(...open.map(at)) + marginMinutes;
      if (to > DAY) continue;
      // Closed now and for the margin: before the opening by more than the margin, or past the close
      // and far enough from the next day's opening.
      const staysClosed = (zone: Z) => (at(zone) < from && from - at(zone) > marginMinutes) || (at(zone) >= to && DAY - at(zone) + from > marginMinutes);
      if (closed.every(staysClosed)) return { window: { from: hhmm(from), to: hhmm(to) }, open, closed };
    }
  }
  throw new Error(`no daily window splits ${zones.join(', ')} at ${now.toISOString()}`);
}

/** Whether the local time of `at` in `zone` falls inside `window` (end exclusive). */
export function isInsideWindow(at: Date, zone: string, window: DailyWindow): boolean {
  const minute = localMinuteOfDay(at, zone);
  const [from, to] = [window.from, window.to].map((bound) => Number(bound.slice(0, 2)) * 60 + Number(bound.slice(3, 5))) as [number, number];
  return minute >= from && minute < to;
}
