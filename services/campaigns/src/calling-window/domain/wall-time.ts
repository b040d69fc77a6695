import { nextTransitionMs, offsetMs } from './zone-offset';

const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;

/** ISO weekday (1 = Monday) of a wall-clock value expressed as "ms since 1970-01-01T00:00 local". */
export const isoWeekdayOfWall = (wallMs: number): number => {
  const day = Math.floor(wallMs / DAY_MS);
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((day + 3) % 7) + 7) % 7) + 1;
};

export const dayStartOfWall = (wallMs: number): number => Math.floor(wallMs / DAY_MS) * DAY_MS;

export { DAY_MS };

/**
 * The first instant whose wall clock in `zone` reads `wallMs` or later: the earlier of two readings
 * when clocks go back, the moment of the jump when the wall time falls in a spring-forward gap.
 */
export const instantOfWallTime = (zone: string, wallMs: number): number => {
  // Offsets half a day either side bracket any single transition near this wall time.
  const early = wallMs - offsetMs(zone, wallMs - DAY_MS / 2);
  const late = wallMs - offsetMs(zone, wallMs + DAY_MS / 2);
  const readings = [early, late].filter((instant) => instant + offsetMs(zone, instant) === wallMs);
  if (readings.length > 0) return Math.min(...readings);
  const [low, high] = early < late ? [early, late] : [late, early];
  return nextTransitionMs(zone, low, high) ?? high;
};
