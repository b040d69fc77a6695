import { withTransaction } from '@zvonar/messaging-postgres';
import { writeAllToOutbox } from '@zvonar/outbox';
import type { Pool, PoolClient } from 'pg';
import { isBlockedSql } from '../../blacklist/blacklist.projection';
import { createPacer, decideClaim, type ClaimAction, type ClaimCandidate, type DialPlan, type Pacer } from '../domain';
import { startDialSpan } from '../integration/dial-span';
import { placeCallMessage } from '../integration/place-call.message';

export type ClaimResult = {
  readonly dialed: number;
  readonly resent: number;
  readonly finished: number;
  readonly movedLater: number;
};

type CampaignRow = { project_id: string; status: string; loaded: boolean; plan: DialPlan; pacer_due_ms: number; pacer_idle: boolean };
type CandidateRow = {
  contact_index: number;
  contact_id: string;
  phone: string;
  time_zones: string[];
  variables: Record<string, string>;
  state: 'waiting' | 'leased' | 'unconfirmed';
  attempt: number;
  round_base: number;
  carousel_next: boolean;
};

/** Room in one claim for contacts that only move (closed window) or finish (blocked), besides the dials. */
const EXTRA_CANDIDATES = 32;

/** The campaign's pacer as the last claim (by any process) left it. */
const pacerOf = (plan: DialPlan, row: CampaignRow): Pacer => ({ ...createPacer(plan.pace), dueMs: row.pacer_due_ms, idle: row.pacer_idle });

const byKind = <K extends ClaimAction['kind']>(actions: readonly ClaimAction[], kind: K) =>
  actions.filter((action): action is Extract<ClaimAction, { kind: K }> => action.kind === kind);

/**
 * One claim for one running campaign, in one transaction: the campaign row is locked (so the
 * pacer is exact across processes, and a pause committed before it is seen), due contacts are
 * locked with SKIP LOCKED (an outcome being applied is not waited for), the decision is taken,
 * and every dial's PlaceCall is written to the outbox with the lease that announces it. A crash
 * anywhere rolls all of it back: no lease without its PlaceCall, no PlaceCall without its lease.
 */
export async function claimDueContacts(pool: Pool, campaignId: string, now: Date): Promise<ClaimResult | null> {
  return withTransaction(pool, async (tx) => {
    const campaign = (
      await tx.query<CampaignRow>(
        `SELECT project_id, status, loaded, plan, pacer_due_ms, pacer_idle FROM dialing_campaigns
          WHERE campaign_id = $1 FOR UPDATE SKIP LOCKED`,
        [campaignId],
      )
    ).rows[0];
    if (!campaign || campaign.status !== 'running' || !campaign.loaded) return null;
    const { plan } = campaign;
    const nowMs = now.getTime();
    // Expired leases first: they give their slot back, so a cap full of lost calls cannot stall
    // the campaign, and their re-sends (same attempt id) go before new dials. The count reads the
    // snapshot before the update, hence the subtraction.
    const counts = (
      await tx.query<{ in_flight: number; resends_due: number }>(
        `WITH expired AS (
           UPDATE dialing_contacts SET state = 'unconfirmed'
            WHERE campaign_id = $1 AND contact_index IN (
              SELECT contact_index FROM dialing_contacts WHERE campaign_id = $1 AND state = 'leased' AND due_at <= $2 FOR UPDATE SKIP LOCKED)
           RETURNING 1)
         SELECT ((SELECT count(*) FROM dialing_contacts WHERE campaign_id = $1 AND state = 'leased') - (SELECT count(*) FROM expired))::int AS in_flight,
                ((SELECT count(*) FROM dialing_contacts WHERE campaign_id = $1 AND state = 'unconfirmed' AND due_at <= $2) + (SELECT count(*) FROM expired))::int AS resends_due`,
        [campaignId, now],
      )
    ).rows[0]!;
    const inFlight = counts.in_flight;
    // At most what the cap and one step of the pacer let through, plus room for contacts that only move or finish.
    const limit = Math.min(Math.max(0, plan.concurrencyCap - inFlight), plan.pace.burst + 1) + EXTRA_CANDIDATES;
    // Each candidate comes with whether its number is blocked now: the dial-time blacklist check.
    const dueOf = (state: 'unconfirmed' | 'waiting', count: number) =>
      tx.query<CandidateRow & { blocked: boolean }>(
        `SELECT contact_index, contact_id, phone, time_zones, variables, state, attempt, round_base, carousel_next,
                ${isBlockedSql('c.phone', '$5')} AS blocked
           FROM dialing_contacts c
          WHERE campaign_id = $1 AND state = $2 AND due_at <= $3
          ORDER BY due_at, contact_index
          LIMIT $4
          FOR UPDATE OF c SKIP LOCKED`,
        [campaignId, state, now, count, plan.projectId],
      );
    const resends = counts.resends_due > 0 ? (await dueOf('unconfirmed', limit)).rows : [];
    const rows = resends.length < limit ? [...resends, ...(await dueOf('waiting', limit - resends.length)).rows] : resends;
    const blocked = new Set(rows.filter((row) => row.blocked).map((row) => row.phone));
    const candidates: ClaimCandidate[] = rows.map((row) => ({
      contactIndex: row.contact_index,
      state: row.state,
      attempt: row.attempt,
      roundBase: row.round_base,
      carouselNext: row.carousel_next,
      phone: row.phone,
      timeZones: row.time_zones,
    }));
    const decision = decideClaim(candidates, { campaignId, plan, nowMs, inFlight, pacer: pacerOf(plan, campaign), blocked });
    const byIndex = new Map(rows.map((row) => [row.contact_index, row]));
    const dials = byKind(decision.actions, 'Dial');
    await recordDials(tx, campaignId, plan, dials, byIndex, now);
    const finishes = byKind(decision.actions, 'Finish');
    if (finishes.length > 0) {
      await tx.query(
        `UPDATE dialing_contacts AS c SET state = 'finished', due_at = NULL, lease_expires_at = NULL, finish_reason = f.reason
           FROM unnest($2::int[], $3::text[]) AS f(contact_index, reason)
          WHERE c.campaign_id = $1 AND c.contact_index = f.contact_index`,
        [campaignId, finishes.map((action) => action.contactIndex), finishes.map((action) => action.reason)],
      );
    }
    const later = byKind(decision.actions, 'Later');
    if (later.length > 0) {
      await tx.query(
        `UPDATE dialing_contacts AS c SET due_at = to_timestamp(l.at_ms / 1000.0),
                state = CASE WHEN c.state = 'leased' THEN 'unconfirmed' ELSE c.state END
           FROM unnest($2::int[], $3::float8[]) AS l(contact_index, at_ms)
          WHERE c.campaign_id = $1 AND c.contact_index = l.contact_index`,
        [campaignId, later.map((action) => action.contactIndex), later.map((action) => action.atMs)],
      );
    }
    const unconfirmed = byKind(decision.actions, 'Unconfirmed');
    if (unconfirmed.length > 0) {
      await tx.query(`UPDATE dialing_contacts SET state = 'unconfirmed' WHERE campaign_id = $1 AND contact_index = ANY($2::int[])`, [
        campaignId,
        unconfirmed.map((action) => action.contactIndex),
      ]);
    }
    await tx.query('UPDATE dialing_campaigns SET pacer_due_ms = $2, pacer_idle = $3 WHERE campaign_id = $1', [campaignId, decision.pacer.dueMs, decision.pacer.idle]);
    return { dialed: dials.filter((dial) => !dial.resend).length, resent: dials.filter((dial) => dial.resend).length, finished: finishes.length, movedLater: later.length };
  });
}

type DialAction = Extract<ClaimAction, { kind: 'Dial' }>;

/**
 * Leases the dialled contacts and records their attempts in one statement (a re-sent attempt
 * counts one more send), then writes their PlaceCalls, each named by its send.
 */
async function recordDials(tx: PoolClient, campaignId: string, plan: DialPlan, dials: readonly DialAction[], byIndex: ReadonlyMap<number, CandidateRow>, now: Date): Promise<void> {
  if (dials.length === 0) return;
  const rowOf = (dial: DialAction) => byIndex.get(dial.contactIndex)!;
  const zoneOf = (row: CandidateRow) => row.time_zones[0] ?? '';
  const { rows } = await tx.query<{ attempt_id: string; sends: number }>(
    `WITH d AS (
       SELECT * FROM unnest($2::int[], $3::int[], $4::text[], $5::timestamptz[], $6::text[], $7::text[])
         AS d(contact_index, attempt, attempt_id, lease, phone, time_zone)),
     leased AS (
       UPDATE dialing_contacts AS c SET state = 'leased', attempt = d.attempt, due_at = d.lease, lease_expires_at = d.lease, carousel_next = false
         FROM d WHERE c.campaign_id = $1 AND c.contact_index = d.contact_index)
     INSERT INTO dialing_attempts AS a (attempt_id, campaign_id, contact_index, attempt, phone, time_zone, placed_at)
     SELECT d.attempt_id, $1, d.contact_index, d.attempt, d.phone, d.time_zone, $8 FROM d
     ON CONFLICT (attempt_id) DO UPDATE SET sends = a.sends + 1
     RETURNING attempt_id, sends`,
    [
      campaignId,
      dials.map((dial) => dial.contactIndex),
      dials.map((dial) => dial.attempt),
      dials.map((dial) => dial.attemptId),
      dials.map((dial) => new Date(dial.leaseUntilMs)),
      dials.map((dial) => rowOf(dial).phone),
      dials.map((dial) => zoneOf(rowOf(dial))),
      now,
    ],
  );
  const sends = new Map(rows.map((row) => [row.attempt_id, row.sends]));
  // One span per attempt around writing its PlaceCall: the message carries the span's context.
  const spans = dials.map((dial) => startDialSpan({ campaignId, attemptId: dial.attemptId, contactZone: zoneOf(rowOf(dial)) }));
  try {
    await writeAllToOutbox(
      tx,
      dials.map((dial, index) => {
        const row = rowOf(dial);
        const message = placeCallMessage({
          campaignId,
          plan,
          attemptId: dial.attemptId,
          send: sends.get(dial.attemptId) ?? 1,
          contactId: row.contact_id,
          phone: row.phone,
          callerId: dial.callerId,
          variables: row.variables,
          timeZone: zoneOf(row),
          leaseUntil: new Date(dial.leaseUntilMs),
          requestedAt: now,
        });
        return { ...message, headers: { ...message.headers, ...spans[index]!.headers } };
      }),
    );
  } catch (error) {
    spans.forEach((span) => span.end(error));
    throw error;
  }
  spans.forEach((span) => span.end());
}
