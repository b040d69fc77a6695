/** What the demo shows every 2 s: the campaign report's numbers and the billable seconds of its calls. */
export interface Progress {
  readonly elapsedMs: number;
  readonly status: string;
  readonly totalContacts: number;
  readonly finishedContacts: number;
  readonly placed: number;
  readonly answered: number;
  readonly goals: number;
  readonly inCall: number;
  /** Contacts due later: redials waiting for their interval (or a window to open). */
  readonly waiting: number;
  /** Until billing exists, spend is shown as the billable seconds call-control recorded. */
  readonly billableSeconds: number;
}

const clock = (ms: number): string => {
  const seconds = Math.floor(ms / 1000);
  return `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
};

/** One line of live progress. */
export const progressLine = (progress: Progress): string =>
  [
    `[${clock(progress.elapsedMs)}] ${progress.status.padEnd(9)}`,
    `calls placed ${progress.placed}`,
    `answered ${progress.answered}`,
    `goals ${progress.goals}`,
    `in call ${progress.inCall}`,
    `waiting ${progress.waiting}`,
    `spend ${progress.billableSeconds} billable s`,
    `contacts done ${progress.finishedContacts}/${progress.totalContacts}`,
  ].join(' · ');

/** Every loaded contact is finished and no call is live: the campaign's own "completed" is on its way. */
export const allContactsDone = (report: { totalContacts: number; finishedContacts: number; inCall: number; audienceLoaded: boolean }): boolean =>
  report.audienceLoaded && report.totalContacts > 0 && report.finishedContacts === report.totalContacts && report.inCall === 0;

/**
 * How long the demo waits, once every contact is done, for the campaign to say it completed (the
 * dialer's report reaches the campaign a moment later, longer on a loaded machine).
 */
export const COMPLETION_GRACE_MS = 30_000;

/** The campaign is over: it says so, or every contact has been done for the grace period. */
export const isOver = (status: string, allDoneForMs: number | null): boolean =>
  status === 'completed' || status === 'stopped' || (allDoneForMs !== null && allDoneForMs >= COMPLETION_GRACE_MS);
