import { ValidationError } from '@zvonar/eventsourcing';
import { RUSSIAN_ZONES } from '../../../test/mothers/zones.mother';
import { resolveSchedule, type ScheduleSettings } from './calling-schedule';
import { isCallableAt, localWindowFrom, nextCallableInstant } from './local-window';

const RUSSIAN_MOBILE = { zones: RUSSIAN_ZONES };
const settings = (overrides: Partial<ScheduleSettings> = {}): ScheduleSettings => ({
  startDate: '2026-01-01',
  startTime: '00:00',
  timeZone: 'Europe/Moscow',
  weekdays: [1, 2, 3, 4, 5, 6, 7],
  ...overrides,
});
const at = (iso: string) => Date.parse(iso);

describe('local calling window', () => {
  describe('with the default windows (08:00-22:00 weekdays, 09:00-20:00 weekends)', () => {
    const schedule = resolveSchedule(settings());

    it('calls a Moscow contact at 08:00 local on a weekday but not at 07:59 or 22:00', () => {
      const moscow = { zones: ['Europe/Moscow'] };
      expect(isCallableAt(moscow, schedule, at('2026-03-02T05:00:00Z'))).toBe(true);
      expect(isCallableAt(moscow, schedule, at('2026-03-02T04:59:59Z'))).toBe(false);
      expect(isCallableAt(moscow, schedule, at('2026-03-02T19:00:00Z'))).toBe(false);
    });

    it('uses the weekend window on Saturday local even when it is still Friday in UTC', () => {
      const kamchatka = { zones: ['Asia/Kamchatka'] }; // UTC+12: Friday 21:00 UTC is Saturday 09:00
      expect(isCallableAt(kamchatka, schedule, at('2026-03-06T21:00:00Z'))).toBe(true);
      expect(isCallableAt(kamchatka, schedule, at('2026-03-06T20:59:00Z'))).toBe(false);
    });

    it('intersects the windows of every Russian zone for a mobile number: 06:00-10:00 UTC on weekdays', () => {
      const monday = localWindowFrom(RUSSIAN_MOBILE, schedule, at('2026-03-02T00:00:00Z'));
      expect(monday).toEqual({ kind: 'Opens', interval: { start: at('2026-03-02T06:00:00Z'), end: at('2026-03-02T10:00:00Z') } });
    });

    it('gives the same mobile number one hour on a Saturday (07:00-08:00 UTC)', () => {
      const saturday = localWindowFrom(RUSSIAN_MOBILE, schedule, at('2026-03-07T00:00:00Z'));
      expect(saturday).toEqual({ kind: 'Opens', interval: { start: at('2026-03-07T07:00:00Z'), end: at('2026-03-07T08:00:00Z') } });
    });

    it('skips a contact without any candidate zone, and one with an unknown zone, with a reason', () => {
      expect(localWindowFrom({ zones: [] }, schedule, 0)).toMatchObject({ kind: 'Skipped', reason: 'NoTimeZone' });
      expect(localWindowFrom({ zones: ['Mars/Olympus'] }, schedule, 0)).toMatchObject({ kind: 'Skipped', reason: 'UnknownTimeZone' });
    });
  });

  describe('with a narrow daily window', () => {
    const schedule = resolveSchedule(settings({ dailyWindow: { from: '09:00', to: '10:00' } }));

    it('skips an ambiguous contact whose zones never share an hour, with a reason', () => {
      const window = localWindowFrom({ zones: ['Europe/Kaliningrad', 'Asia/Kamchatka'] }, schedule, at('2026-03-02T00:00:00Z'));
      expect(window).toMatchObject({ kind: 'Skipped', reason: 'NoCommonWindow' });
    });

    it('moves a redial to the next opening of the window', () => {
      const moscow = { zones: ['Europe/Moscow'] };
      expect(nextCallableInstant(moscow, schedule, at('2026-03-02T07:30:00Z'))).toBe(at('2026-03-03T06:00:00Z'));
      expect(nextCallableInstant(moscow, schedule, at('2026-03-02T06:30:00Z'))).toBe(at('2026-03-02T06:30:00Z'));
    });
  });

  describe('around daylight-saving changes', () => {
    it('opens at 01:30 local New York on the day clocks go back, at the first 01:30 (EDT)', () => {
      const schedule = resolveSchedule(settings({ dailyWindow: { from: '01:30', to: '03:00' } }));
      const newYork = { zones: ['America/New_York'] };
      // 2026-11-01: 02:00 EDT -> 01:00 EST. First 01:30 is 05:30Z; 01:00-01:30 EST (06:00-06:30Z) is outside.
      expect(nextCallableInstant(newYork, schedule, at('2026-11-01T04:00:00Z'))).toBe(at('2026-11-01T05:30:00Z'));
      expect(isCallableAt(newYork, schedule, at('2026-11-01T06:10:00Z'))).toBe(false);
      expect(nextCallableInstant(newYork, schedule, at('2026-11-01T06:10:00Z'))).toBe(at('2026-11-01T06:30:00Z'));
    });

    it('opens at the jump when the window starts inside the spring-forward gap', () => {
      const schedule = resolveSchedule(settings({ dailyWindow: { from: '02:30', to: '04:00' } }));
      // 2026-03-08 New York: 02:00 EST -> 03:00 EDT at 07:00Z; 02:30 does not exist.
      expect(nextCallableInstant({ zones: ['America/New_York'] }, schedule, at('2026-03-08T05:00:00Z'))).toBe(at('2026-03-08T07:00:00Z'));
    });

    it('handles a transition at local midnight (Santiago springs forward from 00:00 to 01:00)', () => {
      const schedule = resolveSchedule(settings({ dailyWindow: { from: '00:00', to: '02:00' }, weekdays: [7] }));
      // 2026-09-06 is a Sunday; Chile moves 00:00 -04 -> 01:00 -03 at 04:00Z, so Sunday starts at 01:00.
      const window = localWindowFrom({ zones: ['America/Santiago'] }, schedule, at('2026-09-05T12:00:00Z'));
      expect(window).toEqual({ kind: 'Opens', interval: { start: at('2026-09-06T04:00:00Z'), end: at('2026-09-06T05:00:00Z') } });
    });
  });

  describe('schedule validation', () => {
    it('names every field of a window that never opens', () => {
      let thrown: unknown;
      try {
        resolveSchedule(settings({ weekdays: [], dailyWindow: { from: '10:00', to: '09:00' }, timeZone: 'Nowhere/City' }));
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ValidationError);
      expect((thrown as ValidationError).violations.map((v) => `${v.field}:${v.code}`).sort()).toEqual([
        'schedule.dailyWindow:WINDOW_NEVER_OPENS',
        'schedule.timeZone:UNKNOWN_TIME_ZONE',
        'schedule.weekdays:WINDOW_NEVER_OPENS',
      ]);
    });

    it('starts in the user zone: 2026-03-29 09:00 Berlin (just after the change to CEST) is 07:00Z', () => {
      expect(resolveSchedule(settings({ startDate: '2026-03-29', startTime: '09:00', timeZone: 'Europe/Berlin' })).startsAtMs).toBe(
        at('2026-03-29T07:00:00Z'),
      );
    });

    it('does not call before the campaign start', () => {
      const schedule = resolveSchedule(settings({ startDate: '2026-03-02', startTime: '12:00' }));
      expect(isCallableAt({ zones: ['Europe/Moscow'] }, schedule, at('2026-03-02T08:59:00Z'))).toBe(false);
      expect(nextCallableInstant({ zones: ['Europe/Moscow'] }, schedule, at('2026-03-02T05:00:00Z'))).toBe(at('2026-03-02T09:00:00Z'));
    });
  });
});
