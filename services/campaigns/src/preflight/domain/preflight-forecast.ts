/**
 * What the project's other campaigns did, from the dialer's attempt tables: contacts whose calls
 * ended, those calls, how many were answered by a person and for how long, and the goals.
 */
export type ProjectHistory = {
  readonly contacts: number;
  readonly attempts: number;
  readonly answered: number;
  readonly answeredTalkSeconds: number;
  readonly goals: number;
};

export type PreflightForecast = {
  readonly hasHistory: boolean;
  readonly historyContacts: number;
  readonly attemptsPerContact: number;
  readonly answeredRate: number;
  readonly averageBillableSeconds: number;
  readonly goalRate: number;
  readonly expectedCalls: number;
  readonly expectedTalkMinutes: number;
  readonly expectedGoals: number;
  readonly maxCalls: number;
};

const ratio = (part: number, whole: number): number => (whole > 0 ? part / whole : 0);
/** Forecasts are shown, not summed: rates to four decimals, expected amounts to two. */
const round4 = (value: number): number => Math.round(value * 10_000) / 10_000;
const round2 = (value: number): number => Math.round(value * 100) / 100;

/**
 * The forecast for `dialable` contacts. Rates are the project's own (calls per contact, answered
 * share, average talk time of an answered call, goals per contact). Without history nothing is
 * guessed: the expected values stay 0 and `hasHistory` says why; `maxCalls`, the most calls the
 * redial rules allow, needs no history.
 */
export const forecastFor = (history: ProjectHistory, dialable: number, maxAttemptsPerContact: number): PreflightForecast => {
  const maxCalls = dialable * maxAttemptsPerContact;
  if (history.contacts === 0 || history.attempts === 0) {
    return {
      hasHistory: false,
      historyContacts: 0,
      attemptsPerContact: 0,
      answeredRate: 0,
      averageBillableSeconds: 0,
      goalRate: 0,
      expectedCalls: 0,
      expectedTalkMinutes: 0,
      expectedGoals: 0,
      maxCalls,
    };
  }
  // The history may redial more than this campaign's rules allow: never forecast past them.
  const attemptsPerContact = Math.min(ratio(history.attempts, history.contacts), maxAttemptsPerContact);
  const answeredRate = ratio(history.answered, history.attempts);
  const averageBillableSeconds = ratio(history.answeredTalkSeconds, history.answered);
  const goalRate = ratio(history.goals, history.contacts);
  const expectedCalls = dialable * attemptsPerContact;
  return {
    hasHistory: true,
    historyContacts: history.contacts,
    attemptsPerContact: round4(attemptsPerContact),
    answeredRate: round4(answeredRate),
    averageBillableSeconds: round2(averageBillableSeconds),
    goalRate: round4(goalRate),
    expectedCalls: round2(expectedCalls),
    expectedTalkMinutes: round2((expectedCalls * answeredRate * averageBillableSeconds) / 60),
    expectedGoals: round2(dialable * goalRate),
    maxCalls,
  };
};
