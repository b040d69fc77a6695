import type { Pool } from 'pg';

export type SeedAttempt = {
  readonly contactIndex: number;
  readonly attempt?: number;
  readonly placedAt: Date;
  /** Null = no outcome yet. */
  readonly outcome: string | null;
  readonly talkSeconds?: number;
  readonly endedAt?: Date;
};

/**
 * Dialer rows written directly, in the shapes of dialing.migrations, for figures at chosen
 * instants (the real dialer stamps attempts with the time it dials them). The campaign is
 * `stopped`, so a dialer running beside the rows leaves them alone.
 */
export async function seedDialedCampaign(pool: Pool, campaign: { campaignId: string; projectId: string; contacts: number; finished: number; attempts: readonly SeedAttempt[] }): Promise<void> {
  const { campaignId, projectId } = campaign;
  await pool.query(
    `INSERT INTO dialing_campaigns (campaign_id, project_id, status, last_revision, plan, loaded, next_index) VALUES ($1, $2, 'stopped', 99, '{}', true, $3)`,
    [campaignId, projectId, campaign.contacts],
  );
  await pool.query(
    `INSERT INTO dialing_contacts (campaign_id, contact_index, contact_id, phone, time_zones, state, finish_reason)
     SELECT $1, n, 'contact-' || n, '+7916' || lpad(n::text, 7, '0'), ARRAY['Europe/Moscow'],
            CASE WHEN n < $3 THEN 'finished' ELSE 'waiting' END, CASE WHEN n < $3 THEN 'Stopped' END
       FROM generate_series(0, $2 - 1) AS n`,
    [campaignId, campaign.contacts, campaign.finished],
  );
  const rows = campaign.attempts;
  await pool.query(
    `INSERT INTO dialing_attempts (attempt_id, campaign_id, contact_index, attempt, phone, time_zone, placed_at, outcome, goal, talk_seconds, ended_at)
     SELECT $1 || ':' || a.contact_index || ':' || a.attempt, $1, a.contact_index, a.attempt, '+7916' || lpad(a.contact_index::text, 7, '0'), 'Europe/Moscow',
            a.placed_at, a.outcome, a.outcome IS NOT DISTINCT FROM 'Goal', a.talk_seconds, a.ended_at
       FROM unnest($2::int[], $3::int[], $4::timestamptz[], $5::text[], $6::float8[], $7::timestamptz[]) AS a(contact_index, attempt, placed_at, outcome, talk_seconds, ended_at)`,
    [
      campaignId,
      rows.map((row) => row.contactIndex),
      rows.map((row) => row.attempt ?? 1),
      rows.map((row) => row.placedAt),
      rows.map((row) => row.outcome),
      rows.map((row) => row.talkSeconds ?? 0),
      rows.map((row) => row.endedAt ?? (row.outcome === null ? null : row.placedAt)),
    ],
  );
  await pool.query(
    `INSERT INTO dialing_goals (call_id, campaign_id, contact_id)
     SELECT attempt_id, campaign_id, 'contact-' || contact_index FROM dialing_attempts WHERE campaign_id = $1 AND goal`,
    [campaignId],
  );
}
