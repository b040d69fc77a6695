/** The pace windows GetCampaignProgress reports, in seconds. */
export const PACE_WINDOWS = { lastMinute: 60, lastQuarterHour: 15 * 60 } as const;

const SECONDS_PER_HOUR = 3600;

/** Attempts placed in a window of `windowSeconds`, as a rate per hour. */
export const perHour = (attempts: number, windowSeconds: number): number => (windowSeconds > 0 ? (attempts * SECONDS_PER_HOUR) / windowSeconds : 0);

export type DialerCounts = {
  /** Contacts loaded into the campaign. */
  readonly total: number;
  /** Contacts that will not be dialled again. */
  readonly processed: number;
  readonly running: boolean;
  /** Attempts placed in the last minute and in the last 15 minutes. */
  readonly placedLastMinute: number;
  readonly placedLastQuarterHour: number;
};

export type LiveProgress = {
  readonly total: number;
  readonly processed: number;
  readonly remaining: number;
  readonly percentDone: number;
  readonly callsPerHourLastMinute: number;
  readonly callsPerHourLastQuarterHour: number;
  /** Absent when the campaign does not dial or placed nothing in the last 15 minutes. */
  readonly estimatedCompletionAt: Date | null;
};

/**
 * The figures of a campaign's progress from the dialer's counts. The ETA assumes one more attempt
 * per remaining contact at the 15-minute pace (smoother than the last minute's, which a step of
 * the pacer makes jumpy): a lower bound, since redials add attempts the dialer cannot foresee.
 */
export function liveProgress(counts: DialerCounts, now: Date): LiveProgress {
  const processed = Math.min(counts.processed, counts.total);
  const remaining = counts.total - processed;
  const callsPerHourLastQuarterHour = perHour(counts.placedLastQuarterHour, PACE_WINDOWS.lastQuarterHour);
  const dialing = counts.running && callsPerHourLastQuarterHour > 0;
  return {
    total: counts.total,
    processed,
    remaining,
    percentDone: counts.total > 0 ? (processed / counts.total) * 100 : 0,
    callsPerHourLastMinute: perHour(counts.placedLastMinute, PACE_WINDOWS.lastMinute),
    callsPerHourLastQuarterHour,
    estimatedCompletionAt: dialing ? new Date(now.getTime() + Math.ceil((remaining / callsPerHourLastQuarterHour) * SECONDS_PER_HOUR * 1000)) : null,
  };
}
