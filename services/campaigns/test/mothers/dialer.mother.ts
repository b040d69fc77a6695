import { resolveSchedule, type ContactZones, type ScheduleSettings } from '../../src/calling-window/domain';
import {
  createDialer,
  DEFAULT_REDIAL_RULES,
  type DialerSettings,
  type DialerState,
  type PaceSettings,
} from '../../src/dialing/domain';

export const MOSCOW = 0;
export const NO_ZONE = 1;
export const ZONE_PROFILES: readonly ContactZones[] = [{ zones: ['Europe/Moscow'] }, { zones: [] }];

/** Every day, all day, from 2026-01-01 (Moscow). */
export const ALWAYS: ScheduleSettings = {
  startDate: '2026-01-01',
  startTime: '00:00',
  timeZone: 'Europe/Moscow',
  dailyWindow: { from: '00:00', to: '24:00' },
  weekdays: [1, 2, 3, 4, 5, 6, 7],
};

/** Monday 2 March 2026, 10:00 Moscow. */
export const MONDAY_10_MSK = Date.parse('2026-03-02T07:00:00Z');

export const aDialer = (
  overrides: {
    settings?: Partial<DialerSettings>;
    pace?: Partial<PaceSettings>;
    schedule?: Partial<ScheduleSettings>;
    zoneProfiles?: readonly ContactZones[];
    capacity?: number;
  } = {},
): DialerState =>
  createDialer({
    settings: {
      campaignId: 'c1',
      concurrencyCap: 10,
      leaseMs: 120_000,
      redialRules: DEFAULT_REDIAL_RULES,
      carouselNumbers: [],
      ...overrides.settings,
    },
    pace: { callsPerSecond: 1000, callsPerHour: 3_600_000, burst: 0, ...overrides.pace },
    schedule: resolveSchedule({ ...ALWAYS, ...overrides.schedule }),
    zoneProfiles: overrides.zoneProfiles ?? ZONE_PROFILES,
    capacity: overrides.capacity ?? 1000,
  });

/** Adds `count` contacts due at `dueAt`, phones +7900000000<i>, in profile `zoneProfile`. */
export const withContacts = (state: DialerState, count: number, dueAt: number, zoneProfile = MOSCOW): DialerState => {
  for (let i = 0; i < count; i += 1) {
    const n = state.table.size;
    state.table.add({ contactId: `contact-${n}`, phone: `+7900${String(n).padStart(7, '0')}`, zoneProfile, dueAt });
  }
  return state;
};
