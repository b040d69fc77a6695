import type { PoolClient } from 'pg';
import { decideAfterInterruption, decideRedial, parseAttemptId, type CallOutcome, type DialPlan, type InterruptionRetryPolicy } from '../domain';

/**
 * How an attempt ended, in the dialer's terms: a call outcome, a verdict that ends the contact, or
 * a call never placed for want of capacity (no free channel): not a call, so the contact is tried
 * again after `retryAfterSeconds` without that attempt counting against its redial attempts.
 */
export type AttemptEnd =
  | { readonly kind: 'Call'; readonly outcome: CallOutcome; readonly talkSeconds: number; readonly goalCallId: string | null; readonly endedAt: Date }
  | { readonly kind: 'Final'; readonly outcome: 'Rejected' | 'InvalidNumber'; readonly reason: string; readonly endedAt: Date }
  | { readonly kind: 'NotPlaced'; readonly outcome: 'Rejected'; readonly retryAfterSeconds: number; readonly endedAt: Date }
  /** The call was lost to our infrastructure (call-control or Asterisk gone): retried under `retry`, not the redial rules. */
  | { readonly kind: 'Interrupted'; readonly outcome: 'Interrupted'; readonly talkSeconds: number; readonly retry: InterruptionRetryPolicy; readonly endedAt: Date };

export type AppliedOutcome = 'finished' | 'redial' | 'stale' | 'unknown';

type ContactRow = { state: string; attempt: number; round_base: number; carousel_used: boolean; contact_id: string; interrupted_retries: number };

/**
 * Applies the end of one attempt inside the consumer's transaction: the attempt gets its outcome,
 * and the contact, if this is its current attempt, is finished or scheduled for the redial its
 * rule asks for. A late or repeated report for an older attempt only records the outcome.
 */
export async function applyAttemptEnd(tx: PoolClient, attemptId: string, end: AttemptEnd, now: Date): Promise<AppliedOutcome> {
  const parsed = parseAttemptId(attemptId);
  if (!parsed) return 'unknown';
  const { campaignId, contactIndex, attempt } = parsed;
  const outcome = end.kind === 'Call' ? end.outcome.kind : end.outcome;
  const contact = (
    await tx.query<ContactRow>(
      'SELECT state, attempt, round_base, carousel_used, contact_id, interrupted_retries FROM dialing_contacts WHERE campaign_id = $1 AND contact_index = $2 FOR UPDATE',
      [campaignId, contactIndex],
    )
  ).rows[0];
  if (!contact) return 'unknown';
  // The contact row is locked first, in the order a claim locks (contact, then its attempt), so a
  // late outcome racing the re-send of its expired lease cannot deadlock with it.
  await tx.query(
    `UPDATE dialing_attempts SET outcome = $2, goal = $3, talk_seconds = $4, ended_at = $5 WHERE attempt_id = $1`,
    [attemptId, outcome, end.kind === 'Call' && end.outcome.kind === 'Goal', end.kind === 'Call' || end.kind === 'Interrupted' ? end.talkSeconds : 0, end.endedAt],
  );
  if (end.kind === 'Call' && end.goalCallId) {
    await recordGoal(tx, end.goalCallId, campaignId, contact.contact_id);
  }
  if ((contact.state !== 'leased' && contact.state !== 'unconfirmed') || contact.attempt !== attempt) return 'stale';
  const campaign = (await tx.query<{ status: string; plan: DialPlan }>('SELECT status, plan FROM dialing_campaigns WHERE campaign_id = $1', [campaignId])).rows[0];
  if (!campaign) return 'unknown';
  const finish = async (reason: string, reached: boolean) => {
    await tx.query(
      `UPDATE dialing_contacts SET state = 'finished', due_at = NULL, lease_expires_at = NULL, last_outcome = $3, finish_reason = $4, reached = $5
        WHERE campaign_id = $1 AND contact_index = $2`,
      [campaignId, contactIndex, outcome, reason, reached],
    );
    return 'finished' as const;
  };
  if (end.kind === 'Final') return finish(end.reason, false);
  // A new attempt id for a retry that is not the callee's doing (call-control dedupes on it), but
  // round_base moves with it, so attempt - round_base (the attempts the redial rules count) stays as it was.
  const retryWithoutAttempt = async (at: Date, interruptedRetries: number) => {
    await tx.query(
      `UPDATE dialing_contacts SET state = 'waiting', due_at = $3, lease_expires_at = NULL, round_base = round_base + 1, last_outcome = $4, interrupted_retries = $5
        WHERE campaign_id = $1 AND contact_index = $2`,
      [campaignId, contactIndex, at, outcome, interruptedRetries],
    );
    await tx.query('UPDATE dialing_attempts SET redial_scheduled = true WHERE attempt_id = $1', [attemptId]);
    return 'redial' as const;
  };
  if (end.kind === 'NotPlaced') {
    if (campaign.status === 'stopped' || campaign.status === 'completed') return finish('Stopped', false);
    return retryWithoutAttempt(new Date(now.getTime() + end.retryAfterSeconds * 1000), contact.interrupted_retries);
  }
  if (end.kind === 'Interrupted') {
    const decision = decideAfterInterruption(end.retry, contact.interrupted_retries, now.getTime());
    if (decision.kind === 'Done') return finish(decision.reason, false);
    if (campaign.status === 'stopped' || campaign.status === 'completed') return finish('Stopped', false);
    return retryWithoutAttempt(new Date(decision.atMs), decision.retries);
  }
  const decision = decideRedial(campaign.plan.redialRules, end.outcome, contact.attempt - contact.round_base, contact.carousel_used);
  if (decision.kind === 'Done') return finish(decision.reason, decision.reason === 'Reached');
  // A stopped campaign dials no one again; the contact keeps the outcome that ended it.
  if (campaign.status === 'stopped' || campaign.status === 'completed') return finish('Stopped', false);
  await tx.query(
    `UPDATE dialing_contacts SET state = 'waiting', due_at = $3, lease_expires_at = NULL, last_outcome = $4,
            carousel_next = $5, carousel_used = carousel_used OR $5
      WHERE campaign_id = $1 AND contact_index = $2`,
    [campaignId, contactIndex, new Date(now.getTime() + decision.afterSeconds * 1000), outcome, decision.carousel],
  );
  await tx.query('UPDATE dialing_attempts SET redial_scheduled = true WHERE attempt_id = $1', [attemptId]);
  return 'redial';
}

/** The scenario's Blacklist card: the contact is done, whatever its call is still doing. */
export async function finishBlacklistedContact(tx: PoolClient, campaignId: string, contactId: string): Promise<void> {
  await tx.query(
    `UPDATE dialing_contacts SET state = 'finished', due_at = NULL, lease_expires_at = NULL, finish_reason = 'Blacklisted', last_outcome = 'Blacklisted'
      WHERE campaign_id = $1 AND contact_id = $2 AND state <> 'finished'`,
    [campaignId, contactId],
  );
}

export async function recordGoal(tx: PoolClient, callId: string, campaignId: string, contactId: string): Promise<void> {
  await tx.query('INSERT INTO dialing_goals (call_id, campaign_id, contact_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [callId, campaignId, contactId]);
}
