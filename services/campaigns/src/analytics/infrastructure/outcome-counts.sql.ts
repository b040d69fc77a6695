/**
 * The attempt outcomes the analytics group together, as SQL over `dialing_attempts` columns (the
 * same grouping as CampaignDialingService's report): answered = a person answered (a plain answer,
 * a goal or a blacklist request); failed = everything that was neither answered, a machine, no
 * answer nor busy. placed = answered + answering_machines + not_answered + busy + failed + in_progress.
 */
export const ANSWERED_SQL = `outcome IN ('Answered', 'Goal', 'Blacklisted')`;

/** Count columns over a set of attempt rows; `$ineffective` is the placeholder of the ineffective-call seconds. */
export const outcomeCountsSql = (ineffective: string): string => `
  count(*)::int AS placed,
  count(*) FILTER (WHERE ${ANSWERED_SQL})::int AS answered,
  count(*) FILTER (WHERE outcome = 'Goal')::int AS goals,
  count(*) FILTER (WHERE outcome = 'AnsweringMachine')::int AS answering_machines,
  count(*) FILTER (WHERE outcome = 'NoAnswer')::int AS not_answered,
  count(*) FILTER (WHERE outcome = 'Blacklisted')::int AS blacklisted,
  count(*) FILTER (WHERE outcome = 'Busy')::int AS busy,
  count(*) FILTER (WHERE outcome IN ('Failed', 'Rejected', 'InvalidNumber', 'Interrupted'))::int AS failed,
  count(*) FILTER (WHERE outcome IS NULL)::int AS in_progress,
  coalesce(sum(talk_seconds) FILTER (WHERE ${ANSWERED_SQL}), 0)::float8 AS talk_seconds,
  count(*) FILTER (WHERE ${ANSWERED_SQL} AND talk_seconds < ${ineffective})::int AS ineffective_calls`;

export type OutcomeCounts = {
  readonly placed: number;
  readonly answered: number;
  readonly goals: number;
  readonly answeringMachines: number;
  readonly notAnswered: number;
  readonly blacklisted: number;
  readonly busy: number;
  readonly failed: number;
  readonly inProgress: number;
  readonly talkSeconds: number;
  readonly ineffectiveCalls: number;
};

export type OutcomeCountsRow = {
  placed: number | null;
  answered: number | null;
  goals: number | null;
  answering_machines: number | null;
  not_answered: number | null;
  blacklisted: number | null;
  busy: number | null;
  failed: number | null;
  in_progress: number | null;
  talk_seconds: number | null;
  ineffective_calls: number | null;
};

/** A row of outcomeCountsSql (nulls from an outer join with no attempts are zeros). */
export const outcomeCountsOf = (row: OutcomeCountsRow): OutcomeCounts => ({
  placed: row.placed ?? 0,
  answered: row.answered ?? 0,
  goals: row.goals ?? 0,
  answeringMachines: row.answering_machines ?? 0,
  notAnswered: row.not_answered ?? 0,
  blacklisted: row.blacklisted ?? 0,
  busy: row.busy ?? 0,
  failed: row.failed ?? 0,
  inProgress: row.in_progress ?? 0,
  talkSeconds: row.talk_seconds ?? 0,
  ineffectiveCalls: row.ineffective_calls ?? 0,
});

export const NO_CALLS: OutcomeCounts = outcomeCountsOf({} as OutcomeCountsRow);

/** The sum of several counts (the totals of a series). */
export const addCounts = (a: OutcomeCounts, b: OutcomeCounts): OutcomeCounts => ({
  placed: a.placed + b.placed,
  answered: a.answered + b.answered,
  goals: a.goals + b.goals,
  answeringMachines: a.answeringMachines + b.answeringMachines,
  notAnswered: a.notAnswered + b.notAnswered,
  blacklisted: a.blacklisted + b.blacklisted,
  busy: a.busy + b.busy,
  failed: a.failed + b.failed,
  inProgress: a.inProgress + b.inProgress,
  talkSeconds: a.talkSeconds + b.talkSeconds,
  ineffectiveCalls: a.ineffectiveCalls + b.ineffectiveCalls,
});
