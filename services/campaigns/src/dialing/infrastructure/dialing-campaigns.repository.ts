import { withTransaction } from '@zvonar/messaging-postgres';
import type { Pool } from 'pg';
import type { DialPlan } from '../domain';

export type DialingStatus = 'running' | 'paused' | 'stopped' | 'completed';

export type DialingCampaign = {
  readonly campaignId: string;
  readonly projectId: string;
  readonly status: DialingStatus;
  readonly loaded: boolean;
  readonly plan: DialPlan;
  readonly loadSegment: number;
  readonly loadConsumed: number;
  readonly nextIndex: number;
};

type Row = { campaign_id: string; project_id: string; status: DialingStatus; loaded: boolean; plan: DialPlan; load_segment: number; load_consumed: number; next_index: number };

const toCampaign = (row: Row): DialingCampaign => ({
  campaignId: row.campaign_id,
  projectId: row.project_id,
  status: row.status,
  loaded: row.loaded,
  plan: row.plan,
  loadSegment: row.load_segment,
  loadConsumed: row.load_consumed,
  nextIndex: row.next_index,
});

/**
 * The dialer's view of each campaign, written from the campaign's events. Every change carries
 * the stream revision of its event and applies only over an older one, so the subscription's
 * at-least-once replays change nothing.
 */
export class DialingCampaigns {
  constructor(private readonly pool: Pool) {}

  async find(campaignId: string): Promise<DialingCampaign | null> {
    const { rows } = await this.pool.query<Row>('SELECT * FROM dialing_campaigns WHERE campaign_id = $1', [campaignId]);
    return rows[0] ? toCampaign(rows[0]) : null;
  }

  /** Campaigns a step works on: running ones to dial, and any not fully loaded yet. */
  async active(): Promise<DialingCampaign[]> {
    const { rows } = await this.pool.query<Row>(`SELECT * FROM dialing_campaigns WHERE status = 'running' OR (NOT loaded AND status = 'paused') ORDER BY campaign_id`);
    return rows.map(toCampaign);
  }

  async started(campaignId: string, revision: number, plan: DialPlan): Promise<void> {
    await this.pool.query(
      `INSERT INTO dialing_campaigns AS c (campaign_id, project_id, status, last_revision, plan) VALUES ($1, $2, 'running', $3, $4)
       ON CONFLICT (campaign_id) DO UPDATE SET status = 'running', plan = EXCLUDED.plan, last_revision = EXCLUDED.last_revision, updated_at = now()
        WHERE c.last_revision < EXCLUDED.last_revision`,
      [campaignId, plan.projectId, revision, JSON.stringify(plan)],
    );
  }

  /**
   * Paused (with its reason), resumed, completed, or settings edited while paused (plan given). A
   * status change sets the pause reason: the given one for a pause, none otherwise.
   */
  async changed(campaignId: string, revision: number, change: { status?: DialingStatus; plan?: DialPlan; pauseReason?: string }): Promise<void> {
    await this.pool.query(
      `UPDATE dialing_campaigns SET status = COALESCE($3, status), plan = COALESCE($4::jsonb, plan),
              pause_reason = CASE WHEN $3::text IS NULL THEN pause_reason ELSE $5 END, last_revision = $2, updated_at = now()
        WHERE campaign_id = $1 AND last_revision < $2`,
      [campaignId, revision, change.status ?? null, change.plan ? JSON.stringify(change.plan) : null, change.pauseReason ?? null],
    );
  }

  /** Campaigns the dialer runs now: the telephony watch pauses them while call-control is unavailable. */
  async runningIds(): Promise<string[]> {
    const { rows } = await this.pool.query<{ campaign_id: string }>(`SELECT campaign_id FROM dialing_campaigns WHERE status = 'running' ORDER BY campaign_id`);
    return rows.map((row) => row.campaign_id);
  }

  /** Campaigns paused only because call-control was unavailable: they resume when it is back. */
  async pausedForTelephonyIds(): Promise<string[]> {
    const { rows } = await this.pool.query<{ campaign_id: string }>(
      `SELECT campaign_id FROM dialing_campaigns WHERE status = 'paused' AND pause_reason = 'TelephonyUnavailable' ORDER BY campaign_id`,
    );
    return rows.map((row) => row.campaign_id);
  }

  /** Stop finishes every contact not in a call; calls in progress finish with their outcome. */
  async stopped(campaignId: string, revision: number): Promise<void> {
    await withTransaction(this.pool, async (tx) => {
      const { rowCount } = await tx.query(
        `UPDATE dialing_campaigns SET status = 'stopped', last_revision = $2, updated_at = now() WHERE campaign_id = $1 AND last_revision < $2`,
        [campaignId, revision],
      );
      if (!rowCount) return;
      await tx.query(
        `UPDATE dialing_contacts SET state = 'finished', due_at = NULL, lease_expires_at = NULL, finish_reason = 'Stopped'
          WHERE campaign_id = $1 AND state IN ('waiting', 'unconfirmed')`,
        [campaignId],
      );
    });
  }

  /** Restart dials again every contact that was not reached, in a fresh round of attempts. */
  async restarted(campaignId: string, revision: number, now: Date, plan: DialPlan): Promise<void> {
    await withTransaction(this.pool, async (tx) => {
      const { rowCount } = await tx.query(
        `UPDATE dialing_campaigns SET status = 'running', plan = $3, progress_reported = NULL, last_revision = $2, updated_at = now()
          WHERE campaign_id = $1 AND last_revision < $2`,
        [campaignId, revision, JSON.stringify(plan)],
      );
      if (!rowCount) return;
      await tx.query(
        `UPDATE dialing_contacts SET state = 'waiting', round_base = attempt, carousel_used = false, carousel_next = false, interrupted_retries = 0,
                due_at = $2, finish_reason = NULL
          WHERE campaign_id = $1 AND state = 'finished' AND NOT reached AND finish_reason IS DISTINCT FROM 'Excluded'`,
        [campaignId, now],
      );
    });
  }
}
