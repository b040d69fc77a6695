import { localWindowFrom, type LocalWindow } from '../../calling-window/domain';
import { attemptIdOf } from './attempt-table';
import type { ContactFinishReason } from './dialer';
import { carouselNumberFor } from './dialer';
import type { DialPlan } from './dial-plan';
import { pacerAllows, pacerConsume, pacerIdle, type Pacer } from './pacer';
import { maxAttempts } from './redial-rules';

/** A stored contact as the claim sees it; `unconfirmed` = its lease expired without an outcome. */
export type ClaimCandidate = {
  readonly contactIndex: number;
  readonly state: 'waiting' | 'leased' | 'unconfirmed';
  readonly attempt: number;
  readonly roundBase: number;
  readonly carouselNext: boolean;
  readonly phone: string;
  readonly timeZones: readonly string[];
};

export type ClaimAction =
  | { readonly kind: 'Dial'; readonly contactIndex: number; readonly attempt: number; readonly attemptId: string; readonly resend: boolean; readonly callerId: string; readonly leaseUntilMs: number }
  /** A lease expired: the contact no longer holds a slot and waits for its re-send. */
  | { readonly kind: 'Unconfirmed'; readonly contactIndex: number }
  | { readonly kind: 'Later'; readonly contactIndex: number; readonly atMs: number }
  | { readonly kind: 'Finish'; readonly contactIndex: number; readonly reason: ContactFinishReason };

export type ClaimContext = {
  readonly campaignId: string;
  readonly plan: DialPlan;
  readonly nowMs: number;
  /** Leased contacts of the campaign before this claim. */
  readonly inFlight: number;
  readonly pacer: Pacer;
  /** Numbers blocked at dial time (project blacklist and the account's do-not-call list). */
  readonly blocked: ReadonlySet<string>;
};

export type ClaimDecision = { readonly actions: ClaimAction[]; readonly pacer: Pacer; readonly inFlight: number };

/** Contacts share a handful of zone sets; one window computation per set and claim. */
const windowCache = (plan: DialPlan, nowMs: number) => {
  const cache = new Map<string, LocalWindow>();
  return (zones: readonly string[]): LocalWindow => {
    const key = zones.join(',');
    let window = cache.get(key);
    if (!window) {
      window = localWindowFrom({ zones }, plan.schedule, nowMs);
      cache.set(key, window);
    }
    return window;
  };
};

/**
 * One claim over due contacts in due order, the PostgreSQL twin of `decideDials`: an expired
 * lease is re-sent with the same attempt id, a blocked number or a spent attempt budget finishes
 * the contact, a closed local window moves it to its next opening, and dials go out while the
 * pace and the concurrency cap allow. Stops at the first contact the pace or cap holds back, so
 * the caller's due order is kept.
 */
export const decideClaim = (candidates: readonly ClaimCandidate[], context: ClaimContext): ClaimDecision => {
  const { plan, nowMs, blocked, campaignId } = context;
  const windowOf = windowCache(plan, nowMs);
  const limit = maxAttempts(plan.redialRules);
  const actions: ClaimAction[] = [];
  let pacer = context.pacer;
  let inFlight = context.inFlight;
  let paceBound = false;
  for (const candidate of candidates) {
    const { contactIndex } = candidate;
    let state = candidate.state;
    if (state === 'leased') {
      inFlight -= 1;
      state = 'unconfirmed';
    }
    const resend = state === 'unconfirmed';
    if (blocked.has(candidate.phone)) {
      actions.push({ kind: 'Finish', contactIndex, reason: 'Blocked' });
      continue;
    }
    if (!resend && candidate.attempt - candidate.roundBase >= limit) {
      actions.push({ kind: 'Finish', contactIndex, reason: 'MaxAttempts' });
      continue;
    }
    const window = windowOf(candidate.timeZones);
    if (window.kind === 'Skipped') {
      actions.push({ kind: 'Finish', contactIndex, reason: window.reason });
      continue;
    }
    const opensAt = window.interval.start;
    if (opensAt > nowMs) {
      // A re-send moved to the window's opening no longer holds a slot: 'Later' unconfirms it too.
      actions.push({ kind: 'Later', contactIndex, atMs: opensAt });
      continue;
    }
    if (inFlight >= plan.concurrencyCap || !pacerAllows(pacer, nowMs)) {
      paceBound = inFlight < plan.concurrencyCap;
      if (candidate.state === 'leased') actions.push({ kind: 'Unconfirmed', contactIndex });
      break;
    }
    pacer = pacerConsume(pacer, nowMs);
    const attempt = resend ? candidate.attempt : candidate.attempt + 1;
    const attemptId = attemptIdOf(campaignId, contactIndex, attempt);
    const carousel = candidate.carouselNext ? carouselNumberFor(plan.carouselNumbers, attemptId) : null;
    inFlight += 1;
    actions.push({ kind: 'Dial', contactIndex, attempt, attemptId, resend, callerId: carousel ?? plan.callerNumbers[0] ?? '', leaseUntilMs: nowMs + plan.leaseMs });
  }
  // Capacity nobody could use must not turn into a burst later (e.g. when a window opens).
  if (!paceBound && pacerAllows(pacer, nowMs)) pacer = pacerIdle(pacer);
  return { actions, pacer, inFlight };
};
