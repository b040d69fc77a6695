import type { Pool } from 'pg';
import type { CampaignProgress } from '../../campaign/domain';
import { PACE_WINDOWS, type DialerCounts } from '../domain';

export type DialingState = 'running' | 'paused' | 'stopped' | 'completed';

export type ProgressCounts = DialerCounts & {
  readonly state: DialingState;
  readonly loaded: boolean;
  readonly activeCalls: number;
};

type Row = {
  status: DialingState;
  loaded: boolean;
  total: number;
  reported: CampaignProgress | null;
  active_calls: number;
  last_minute: number;
  last_quarter_hour: number;
};

/**
 * What GetCampaignProgress needs, without counting a large campaign's contacts on every call:
 * the total is the dialer's load counter (contact indexes are handed out in order), the processed
 * count is the one the dialer's progress reporter keeps (at most its coalescing interval behind),
 * calls in progress and the pace come from partial or time indexes whose size is bounded by the
 * concurrency cap and by 15 minutes of calls. Only when no report stands for the current round
 * (before the first outcome, after a restart, once stopped) are the unfinished contacts counted,
 * on the partial index that holds nothing else.
 */
export class CampaignProgressQuery {
  constructor(private readonly pool: Pool) {}

  /** Null when the dialer never saw the campaign start. */
  async counts(campaignId: string, now: Date): Promise<ProgressCounts | null> {
    const { rows } = await this.pool.query<Row>(
      `SELECT c.status, c.loaded, c.next_index AS total, c.progress_reported AS reported,
              (SELECT count(*)::int FROM dialing_contacts WHERE campaign_id = $1 AND state = 'leased') AS active_calls,
              p.last_minute, p.last_quarter_hour
         FROM dialing_campaigns c,
              LATERAL (SELECT count(*) FILTER (WHERE placed_at > $2::timestamptz - make_interval(secs => $3))::int AS last_minute,
                              count(*)::int AS last_quarter_hour
                         FROM dialing_attempts
                        WHERE campaign_id = $1 AND placed_at > $2::timestamptz - make_interval(secs => $4) AND placed_at <= $2) p
        WHERE c.campaign_id = $1`,
      [campaignId, now, PACE_WINDOWS.lastMinute, PACE_WINDOWS.lastQuarterHour],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      state: row.status,
      loaded: row.loaded,
      total: row.total,
      processed: await this.processed(campaignId, row),
      running: row.status === 'running',
      activeCalls: row.active_calls,
      placedLastMinute: row.last_minute,
      placedLastQuarterHour: row.last_quarter_hour,
    };
  }

  private async processed(campaignId: string, row: Row): Promise<number> {
    // The reporter reports only a loaded, running or paused campaign, and its report is reset on
    // (re)start; one made for fewer contacts than are loaded now is not the current one.
    const reportStands = row.loaded && (row.status === 'running' || row.status === 'paused') && row.reported !== null && row.reported.totalContacts === row.total;
    if (reportStands) return row.reported!.processedContacts;
    const { rows } = await this.pool.query<{ unfinished: number }>(`SELECT count(*)::int AS unfinished FROM dialing_contacts WHERE campaign_id = $1 AND state <> 'finished'`, [campaignId]);
    return row.total - (rows[0]?.unfinished ?? 0);
  }
}
