/**
 * Whether call-control (the telephony) can take calls, judged from its status answers over time.
 * Pure: the caller probes, feeds each answer in with the time it got it, and carries out the sweep
 * the decision asks for.
 *
 * - A failed answer (unreachable, or ready = false) starts a grace period; answers that recover
 *   within it change nothing, so a restart of call-control or a slow probe does not pause anything.
 * - Failing for the whole grace period makes the telephony unavailable (transition `lost`): every
 *   running campaign is paused, and again at each answer while it lasts, so campaigns that start,
 *   restart or are resumed by a user during the outage are paused as well.
 * - The first ready answer after that makes it available again (transition `restored`) and asks
 *   for a resume sweep (only campaigns still paused for the telephony resume). The resume sweep is
 *   asked for again every `resumeSweepEveryMs` while available, so a campaign paused by another
 *   process that died before it saw call-control come back does not stay paused for ever.
 * - At start nothing is known: the first ready answer asks for a resume sweep (a process restarted
 *   after an outage ended finishes its job); failures from the start make the telephony unavailable
 *   after `startupGraceMs`.
 */
export type TelephonyWatchOptions = {
  /** How long answers must keep failing before the telephony counts as unavailable. */
  readonly graceMs: number;
  /**
   * The same before the first ready answer since this process started: hosted in one process,
   * call-control starts after campaigns (and slowly on a loaded machine); distributed, both may be
   * starting together. Never shorter than `graceMs`.
   */
  readonly startupGraceMs: number;
  /** How often campaigns paused for the telephony are looked for while it is available. */
  readonly resumeSweepEveryMs: number;
};

export type TelephonyWatchState =
  | { readonly status: 'starting'; readonly failingSince: number | null }
  | { readonly status: 'available'; readonly resumeSweepDueAt: number }
  | { readonly status: 'degraded'; readonly failingSince: number }
  | { readonly status: 'unavailable'; readonly since: number };

export type TelephonyAnswer = { readonly ready: boolean; readonly at: number };

export type TelephonyWatchDecision = {
  readonly state: TelephonyWatchState;
  /** Set once per change, so it is logged once (not at every answer). */
  readonly transition: 'lost' | 'restored' | null;
  readonly sweep: 'pause-running' | 'resume-paused' | null;
};

export const initialTelephonyWatch = (): TelephonyWatchState => ({ status: 'starting', failingSince: null });

/** Dialing goes on unless the telephony is known to be unavailable (calls sent in a grace period wait in the bus). */
export const telephonyAvailable = (state: TelephonyWatchState): boolean => state.status !== 'unavailable';

const decision = (state: TelephonyWatchState, transition: TelephonyWatchDecision['transition'] = null, sweep: TelephonyWatchDecision['sweep'] = null): TelephonyWatchDecision => ({
  state,
  transition,
  sweep,
});

const availableAt = (at: number, options: TelephonyWatchOptions): TelephonyWatchState => ({ status: 'available', resumeSweepDueAt: at + options.resumeSweepEveryMs });

/** Failing since `since`: unavailable once `graceMs` is over, otherwise still `within`. */
const failing = (since: number, answer: TelephonyAnswer, graceMs: number, within: TelephonyWatchState): TelephonyWatchDecision =>
  answer.at - since >= graceMs ? decision({ status: 'unavailable', since: answer.at }, 'lost', 'pause-running') : decision(within);

export const observeTelephony = (state: TelephonyWatchState, answer: TelephonyAnswer, options: TelephonyWatchOptions): TelephonyWatchDecision => {
  switch (state.status) {
    case 'starting':
      if (answer.ready) return decision(availableAt(answer.at, options), null, 'resume-paused');
      // Still starting: the first ready answer must sweep for campaigns an earlier process paused.
      return failing(state.failingSince ?? answer.at, answer, Math.max(options.graceMs, options.startupGraceMs), {
        status: 'starting',
        failingSince: state.failingSince ?? answer.at,
      });
    case 'available':
      if (!answer.ready) return failing(answer.at, answer, options.graceMs, { status: 'degraded', failingSince: answer.at });
      if (answer.at < state.resumeSweepDueAt) return decision(state);
      return decision(availableAt(answer.at, options), null, 'resume-paused');
    case 'degraded':
      // A recovery within the grace period: nothing was paused, nothing to resume.
      if (answer.ready) return decision(availableAt(answer.at, options));
      return failing(state.failingSince, answer, options.graceMs, state);
    case 'unavailable':
      if (answer.ready) return decision(availableAt(answer.at, options), 'restored', 'resume-paused');
      return decision(state, null, 'pause-running');
    default: {
      const unknown: never = state;
      return unknown;
    }
  }
};

/** A resume sweep that failed (the database, say) is asked for again at the next answer. */
export const resumeSweepFailed = (state: TelephonyWatchState, at: number): TelephonyWatchState =>
  state.status === 'available' ? { status: 'available', resumeSweepDueAt: at } : state;
