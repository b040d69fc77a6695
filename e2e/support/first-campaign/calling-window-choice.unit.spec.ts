import { chooseWindow, isInsideWindow, localMinuteOfDay } from './calling-window-choice';

const russianZones = ['Europe/Kaliningrad', 'Europe/Moscow', 'Asia/Yekaterinburg', 'Asia/Novosibirsk', 'Asia/Vladivostok'] as const;
const MARGIN = 20;

describe('chooseWindow: a daily window open now in some zones and closed in at least one', () => {
  // Every quarter hour of a winter and a summer day: the choice must hold at any real hour.
  const instants = [Date.UTC(2026, 0, 15), Date.UTC(2026, 6, 15)].flatMap((day) => Array.from({ length: 96 }, (_, quarter) => new Date(day + quarter * 15 * 60_000)));

  it.each(instants.map((instant) => [instant.toISOString(), instant] as const))('at %s', (_label, now) => {
    const { window, open, closed } = chooseWindow(now, russianZones, MARGIN);

    expect(open.length).toBeGreaterThanOrEqual(2);
    expect(closed.length).toBeGreaterThanOrEqual(1);
    expect([...open, ...closed].sort()).toEqual([...russianZones].sort());
    const later = new Date(now.getTime() + MARGIN * 60_000 - 60_000);
    for (const zone of open) {
      expect(isInsideWindow(now, zone, window)).toBe(true);
      expect(isInsideWindow(later, zone, window)).toBe(true);
    }
    for (const zone of closed) {
      expect(isInsideWindow(now, zone, window)).toBe(false);
      expect(isInsideWindow(later, zone, window)).toBe(false);
    }
  });

  it('reads the local minute of the day in each zone (Vladivostok is 7 hours ahead of Moscow)', () => {
    const now = new Date('2026-11-21T21:15:00Z');
    expect(localMinuteOfDay(now, 'Europe/Moscow')).toBe(15);
    expect(localMinuteOfDay(now, 'Asia/Vladivostok')).toBe(7 * 60 + 15);
    expect(localMinuteOfDay(now, 'Europe/Kaliningrad')).toBe(23 * 60 + 15);
  });
});
