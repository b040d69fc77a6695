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

/** The campaign is over: it says so, or every loaded contact is finished and no call is live. */
export const isOver = (status: string, report: { totalContacts: number; finishedContacts: number; inCall: number; audienceLoaded: boolean }): boolean =>
  status === 'completed' || status === 'stopped' || (report.audienceLoaded && report.totalContacts > 0 && report.finishedContacts === report.totalContacts && report.inCall === 0);
