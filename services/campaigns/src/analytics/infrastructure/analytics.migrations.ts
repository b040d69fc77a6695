import type { Migration } from '@zvonar/platform';

/**
 * Indexes the analytics read the dialer's tables through (no tables of their own: every figure is
 * counted from the attempt table, so it always adds up with CampaignDialingService's report). The
 * ids sort after the dialer's `dialing_0…` migrations, whose tables they index.
 */
export const analyticsMigrations: readonly Migration[] = [
  {
    id: 'dialing_analytics_0001_attempts_by_time',
    sql: `
      -- Attempts of a campaign by when they were placed: the pace of the last minutes (a few
      -- index entries, however large the campaign) and the statistics of a range, hour by hour.
      CREATE INDEX IF NOT EXISTS dialing_attempts_by_time ON dialing_attempts (campaign_id, placed_at);
      -- Goals of a campaign in call-id order: the goals download pages through them by keyset.
      CREATE INDEX IF NOT EXISTS dialing_goals_page ON dialing_goals (campaign_id, call_id);`,
  },
];
