import fc from 'fast-check';
import { resolveSchedule, type ScheduleSettings, type Weekday } from '../../calling-window/domain';
import { FOREIGN_DST_ZONES, RUSSIAN_ZONES } from '../../../test/mothers/zones.mother';
import { createDialer, DEFAULT_REDIAL_RULES, decideDials } from './index';

const RUSSIAN = RUSSIAN_ZONES;
const FOREIGN_DST = FOREIGN_DST_ZONES;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

// ---- Oracle: local wall time read by a separately built formatter, no shared code with the dialer ----
const WEEKDAY_NUMBER: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
const oracleFormats = new Map<string, Intl.DateTimeFormat>();
const localClock = (zone: string, instant: number): { weekday: number; minute: number } => {
  let format = oracleFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    oracleFormats.set(zone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((part) => [part.type, part.value]));
  return { weekday: WEEKDAY_NUMBER[parts.weekday ?? ''] ?? 0, minute: (Number(parts.hour) % 24) * 60 + Number(parts.minute) };
};
const toMinute = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
const insideLocalWindow = (settings: ScheduleSettings, zone: string, instant: number): boolean => {
  const { weekday, minute } = localClock(zone, instant);
  if (!settings.weekdays.includes(weekday as Weekday)) return false;
  const window = settings.dailyWindow ?? (weekday >= 6 ? { from: '09:00', to: '20:00' } : { from: '08:00', to: '22:00' });
  return minute >= toMinute(window.from) && minute < toMinute(window.to);
};

/** Every offset change of the foreign zones in 2025-2027 (to the hour), found by the oracle day by day. */
const transitions: number[] = (() => {
  const found: number[] = [];
  const offsetFormat = (zone: string) => new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
  for (const zone of FOREIGN_DST) {
    const format = offsetFormat(zone);
    const name = (instant: number) => format.formatToParts(instant).find((part) => part.type === 'timeZoneName')?.value;
    for (let day = Date.UTC(2025, 0, 1); day < Date.UTC(2028, 0, 1); day += 24 * HOUR) {
      if (name(day) === name(day + 24 * HOUR)) continue;
      for (let hour = day; hour < day + 24 * HOUR; hour += HOUR) if (name(hour) !== name(hour + HOUR)) found.push(hour + HOUR);
    }
  }
  return found;
})();

const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

const arbitraryWindow = fc.option(
  fc
    .tuple(fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 1, max: 1440 }))
    .filter(([from, length]) => from + length <= 1440)
    .map(([from, length]) => ({ from: hhmm(from), to: hhmm(from + length) })),
  { nil: null },
);
const arbitraryWeekdays = fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }).map((days) => days as Weekday[]);
const arbitraryZones = fc.oneof(
  { weight: 4, arbitrary: fc.uniqueArray(fc.constantFrom(...RUSSIAN, ...FOREIGN_DST), { minLength: 1, maxLength: 3 }) },
  { weight: 1, arbitrary: fc.constant(RUSSIAN) },
);
/** Near a DST change: whole hours either side, then a minute next to a local midnight or half/quarter hour. */
const arbitraryInstant = fc
  .tuple(fc.constantFrom(...transitions), fc.integer({ min: -48, max: 48 }), fc.constantFrom(-1, 0, 1, 14, 15, 16, 29, 30, 31, 44, 45, 46, 59), fc.integer({ min: 0, max: 59 }))
  .map(([transition, hours, minutes, seconds]) => transition + hours * HOUR + minutes * MINUTE + seconds * 1000);

describe('Dialer dispatches and local windows (property)', () => {
  it('dispatches 0 calls outside a contact local window, and calls a contact as soon as every zone allows it', () => {
    let dispatched = 0;
    fc.assert(
      fc.property(fc.array(arbitraryZones, { minLength: 1, maxLength: 3 }), arbitraryWindow, arbitraryWeekdays, arbitraryInstant, (contacts, dailyWindow, weekdays, instant) => {
        const settings: ScheduleSettings = { startDate: '2024-01-01', startTime: '00:00', timeZone: 'UTC', dailyWindow, weekdays };
        const dialer = createDialer({
          settings: { campaignId: 'p', concurrencyCap: 100, leaseMs: 3_600_000, redialRules: DEFAULT_REDIAL_RULES, carouselNumbers: [] },
          pace: { callsPerSecond: 1000, callsPerHour: 3_600_000, burst: 10 },
          schedule: resolveSchedule(settings),
          zoneProfiles: contacts.map((zones) => ({ zones })),
          capacity: contacts.length,
        });
        contacts.forEach((_zones, profile) => dialer.table.add({ contactId: `k${profile}`, phone: `+1${profile}`, zoneProfile: profile, dueAt: instant - HOUR }));
        const now = decideDials(dialer, instant);
        for (const dial of now.dials) {
          const zones = contacts[dial.contactIndex]!;
          expect(zones.filter((zone) => !insideLocalWindow(settings, zone, instant))).toEqual([]);
        }
        const expected = contacts.map((zones, index) => (zones.every((zone) => insideLocalWindow(settings, zone, instant)) ? index : -1)).filter((index) => index >= 0);
        // Dials at one instant are paced 1 ms apart: the first callable contact must go out now.
        expect(now.dials.map((dial) => dial.contactIndex)).toEqual(expected.slice(0, 1));
        dispatched += now.dials.length;
        // The next wake-up (a window opening or a pace slot) dispatches inside the window too.
        if (now.wakeAtMs !== null) {
          const later = decideDials(now.state, now.wakeAtMs);
          for (const dial of later.dials) {
            expect(contacts[dial.contactIndex]!.filter((zone) => !insideLocalWindow(settings, zone, now.wakeAtMs!))).toEqual([]);
            // A window opening is the first callable minute: one minute earlier the contact was outside.
            // (A re-send after the lease expired is not an opening.)
            if (!dial.resend && now.wakeAtMs - instant > MINUTE) {
              expect(contacts[dial.contactIndex]!.every((zone) => insideLocalWindow(settings, zone, now.wakeAtMs! - MINUTE))).toBe(false);
            }
          }
          dispatched += later.dials.length;
        }
      }),
      { numRuns: 10_000, seed: 20260301 },
    );
    // The property is not vacuous: thousands of dials were checked.
    expect(dispatched).toBeGreaterThan(5_000);
  });
});
