import type { SkipReason } from '../../calling-window/domain';
import { AttemptTable, ContactStatus, attemptIdOf } from './attempt-table';
import { pacerAllows, pacerConsume, pacerIdle, pacerNextAllowedMs, type Pacer } from './pacer';
import { decideRedial, maxAttempts, type CallOutcome, type RedialRules } from './redial-rules';
import { createPacer, type PaceSettings } from './pacer';
import { WindowProfiles } from './window-profiles';
import { decideAfterInterruption, DEFAULT_INTERRUPTION_RETRY_POLICY, type InterruptionRetryPolicy } from './interruption-retry';
import type { CallingSchedule, ContactZones } from '../../calling-window/domain';

/** Numbers checked at dial time (blacklists and the do-not-call list), by E.164. */
export type BlockList = { has(phone: string): boolean };

export type DialerSettings = {
  readonly campaignId: string;
  readonly concurrencyCap: number;
  /** How long a dispatched attempt may go without an outcome before it is sent again (same id). */
  readonly leaseMs: number;
  readonly redialRules: RedialRules;
  /** Caller ids for the carousel attempt; empty = call-control's default number. */
  readonly carouselNumbers: readonly string[];
  /** Calls lost to our infrastructure; the default when absent (60 s, twice). */
  readonly interruption?: InterruptionRetryPolicy;
};

/**
 * The dialer of one running campaign. `table` and `windows` are owned by the state and updated in
 * place by each step (copying a million-row table per step is not an option): treat a state passed
 * to `decideDials` or `recordOutcome` as consumed and continue with the returned one.
 */
export type DialerState = {
  readonly settings: DialerSettings;
  readonly active: boolean;
  readonly pacer: Pacer;
  readonly table: AttemptTable;
  readonly windows: WindowProfiles;
  readonly blocked: BlockList;
};

/** A `PlaceCall` to send. `attemptId` is the idempotency key; a re-send carries the same one. */
export type Dial = {
  readonly attemptId: string;
  readonly contactIndex: number;
  readonly contactId: string;
  readonly phone: string;
  readonly attempt: number;
  readonly resend: boolean;
  /** Caller id of the carousel attempt, or null for the campaign's own numbers. */
  readonly carouselNumber: string | null;
  readonly leaseUntilMs: number;
};

export type ContactFinishReason = 'Reached' | 'Exhausted' | 'Blocked' | 'MaxAttempts' | 'Interrupted' | SkipReason;

/** A call lost to our infrastructure (call-control or Asterisk gone): not the callee's doing. */
export type InterruptedCall = { readonly kind: 'Interrupted' };

export type DialerFact =
  | { readonly type: 'ContactFinished'; readonly contactIndex: number; readonly reason: ContactFinishReason }
  | { readonly type: 'LeaseExpired'; readonly contactIndex: number; readonly attemptId: string }
  | { readonly type: 'OutcomeRecorded'; readonly contactIndex: number; readonly attemptId: string; readonly outcome: CallOutcome | InterruptedCall }
  | { readonly type: 'RedialScheduled'; readonly contactIndex: number; readonly atMs: number; readonly carousel: boolean };

export type DialStep = {
  readonly dials: Dial[];
  readonly facts: DialerFact[];
  readonly state: DialerState;
  /** Dial decisions taken: contacts dispatched, re-sent, moved to their window or finished. */
  readonly decisions: number;
  /**
   * When a step can next dispatch or expire something (the earliest due contact or pace slot); null
   * when nothing can happen before an outcome frees a slot, contacts are added or the campaign resumes.
   */
  readonly wakeAtMs: number | null;
};

/** Deterministic pick, so a re-sent carousel attempt keeps its number. */
export const carouselNumberFor = (numbers: readonly string[], attemptId: string): string | null => {
  if (numbers.length === 0) return null;
  let hash = 0;
  for (let i = 0; i < attemptId.length; i += 1) hash = (Math.imul(hash, 31) + attemptId.charCodeAt(i)) | 0;
  return numbers[Math.abs(hash) % numbers.length] ?? null;
};

const finishWith = (table: AttemptTable, index: number, reason: ContactFinishReason, facts: DialerFact[]) => {
  table.finish(index);
  if (reason === 'Reached') table.markReached(index);
  facts.push({ type: 'ContactFinished', contactIndex: index, reason });
};

/**
 * One scheduler step at `nowMs`: expires leases, then dispatches due contacts in due order while
 * the pace and the concurrency cap allow, each checked at dial time against the block list, its
 * attempt limit and its local window (contacts outside their window move to its next opening).
 */
export const decideDials = (state: DialerState, nowMs: number): DialStep => {
  const { table, windows, settings, blocked } = state;
  const dials: Dial[] = [];
  const facts: DialerFact[] = [];
  let pacer = state.pacer;
  const limit = maxAttempts(settings.redialRules);
  let paceBound = false;
  let decisions = 0;

  while (state.active) {
    const index = table.heap.peek();
    if (index < 0 || table.dueAt[index]! > nowMs) break;
    decisions += 1;
    if (table.statusOf(index) === ContactStatus.Leased) {
      table.inFlight -= 1;
      table.status[index] = ContactStatus.Unconfirmed;
      facts.push({ type: 'LeaseExpired', contactIndex: index, attemptId: attemptIdOf(settings.campaignId, index, table.attempts[index]!) });
    }
    const resend = table.statusOf(index) === ContactStatus.Unconfirmed;
    if (blocked.has(table.phones[index]!)) {
      finishWith(table, index, 'Blocked', facts);
      continue;
    }
    if (!resend && table.attemptsInRound(index) >= limit) {
      finishWith(table, index, 'MaxAttempts', facts);
      continue;
    }
    const window = windows.at(table.zoneProfile[index]!, nowMs);
    if (window.kind === 'Skipped') {
      finishWith(table, index, window.reason, facts);
      continue;
    }
    if (window.kind === 'Later') {
      table.heap.upsert(index, window.atMs);
      continue;
    }
    if (table.inFlight >= settings.concurrencyCap || !pacerAllows(pacer, nowMs)) {
      paceBound = table.inFlight < settings.concurrencyCap;
      decisions -= 1;
      break;
    }
    pacer = pacerConsume(pacer, nowMs);
    const attempt = resend ? table.attempts[index]! : table.attempts[index]! + 1;
    table.attempts[index] = attempt;
    const attemptId = attemptIdOf(settings.campaignId, index, attempt);
    const leaseUntilMs = nowMs + settings.leaseMs;
    table.schedule(index, ContactStatus.Leased, leaseUntilMs);
    table.inFlight += 1;
    dials.push({
      attemptId,
      contactIndex: index,
      contactId: table.contactIds[index]!,
      phone: table.phones[index]!,
      attempt,
      resend,
      carouselNumber: table.carouselNext(index) ? carouselNumberFor(settings.carouselNumbers, attemptId) : null,
      leaseUntilMs,
    });
  }

  // Capacity nobody could use must not turn into a burst later (e.g. when the window opens).
  if (!paceBound && pacerAllows(pacer, nowMs)) pacer = pacerIdle(pacer);
  const next = table.heap.peek();
  const full = table.inFlight >= settings.concurrencyCap;
  const wakeAtMs = next < 0 || full || !state.active ? null : Math.max(table.dueAt[next]!, pacerNextAllowedMs(pacer, nowMs));
  return { dials, facts, state: { ...state, pacer }, decisions, wakeAtMs };
};

export type OutcomeReport = { readonly contactIndex: number; readonly attempt: number; readonly outcome: CallOutcome | InterruptedCall };

/**
 * Reacts to the end of an attempt: frees its concurrency slot and finishes the contact or schedules
 * the redial its rule asks for. An outcome for another attempt than the current one, or for a
 * finished contact, is a duplicate or late observation and changes nothing.
 */
export const recordOutcome = (state: DialerState, report: OutcomeReport, nowMs: number): { facts: DialerFact[]; state: DialerState } => {
  const { table, settings } = state;
  const { contactIndex: index, attempt, outcome } = report;
  const status = index < table.size ? table.statusOf(index) : ContactStatus.Finished;
  if ((status !== ContactStatus.Leased && status !== ContactStatus.Unconfirmed) || table.attempts[index] !== attempt) {
    return { facts: [], state };
  }
  const facts: DialerFact[] = [
    { type: 'OutcomeRecorded', contactIndex: index, attemptId: attemptIdOf(settings.campaignId, index, attempt), outcome },
  ];
  if (outcome.kind === 'Interrupted') return { facts: afterInterruption(state, index, status, nowMs, facts), state };
  const decision = decideRedial(settings.redialRules, outcome, table.attemptsInRound(index), table.carouselUsed(index));
  if (decision.kind === 'Done') {
    finishWith(table, index, decision.reason, facts);
    return { facts, state };
  }
  if (status === ContactStatus.Leased) table.inFlight -= 1;
  table.clearCarouselNext(index);
  if (decision.carousel) table.markCarouselNext(index);
  const atMs = nowMs + decision.afterSeconds * 1000;
  table.schedule(index, ContactStatus.Waiting, atMs);
  facts.push({ type: 'RedialScheduled', contactIndex: index, atMs, carousel: decision.carousel });
  return { facts, state };
};

/**
 * An interrupted call is retried after the policy's delay under a new attempt id, and the round's
 * base moves with it, so the redial rules' count of attempts stays as it was; past the cap the
 * contact ends as Interrupted.
 */
const afterInterruption = (state: DialerState, index: number, status: ContactStatus, nowMs: number, facts: DialerFact[]): DialerFact[] => {
  const { table, settings } = state;
  const decision = decideAfterInterruption(settings.interruption ?? DEFAULT_INTERRUPTION_RETRY_POLICY, table.interruptedRetries[index]!, nowMs);
  if (decision.kind === 'Done') {
    finishWith(table, index, decision.reason, facts);
    return facts;
  }
  if (status === ContactStatus.Leased) table.inFlight -= 1;
  table.interruptedRetries[index] = decision.retries;
  table.roundBase[index] = table.roundBase[index]! + 1;
  table.schedule(index, ContactStatus.Waiting, decision.atMs);
  facts.push({ type: 'RedialScheduled', contactIndex: index, atMs: decision.atMs, carousel: table.carouselNext(index) });
  return facts;
};

/** On `CampaignRestarted`: every finished contact that was not reached is due again at `nowMs`. */
export const requeueUnreached = (state: DialerState, nowMs: number): { requeued: number; state: DialerState } => {
  const { table } = state;
  let requeued = 0;
  for (let index = 0; index < table.size; index += 1) {
    if (table.statusOf(index) !== ContactStatus.Finished || table.reached(index)) continue;
    table.reopen(index, nowMs);
    requeued += 1;
  }
  return { requeued, state };
};

export const withActive = (state: DialerState, active: boolean): DialerState => ({ ...state, active });
export const withBlockList = (state: DialerState, blocked: BlockList): DialerState => ({ ...state, blocked });

export type DialerSetup = {
  readonly settings: DialerSettings;
  readonly pace: PaceSettings;
  readonly schedule: CallingSchedule;
  /** Distinct zone sets; each contact row points at one by index. */
  readonly zoneProfiles: readonly ContactZones[];
  readonly capacity: number;
  readonly blocked?: BlockList;
};

/** An empty, active dialer; contacts are added with `state.table.add(row)`. */
export const createDialer = (setup: DialerSetup): DialerState => ({
  settings: setup.settings,
  active: true,
  pacer: createPacer(setup.pace),
  table: new AttemptTable(setup.capacity),
  windows: new WindowProfiles(setup.zoneProfiles, setup.schedule),
  blocked: setup.blocked ?? new Set<string>(),
});
