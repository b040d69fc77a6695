import { withTransaction } from '@zvonar/messaging-postgres';
import type { Pool, PoolClient } from 'pg';
import { DEFAULT_SETTINGS } from '../../campaign/domain';
import type { ValidRange } from '../domain';
import { addCounts, ANSWERED_SQL, NO_CALLS, outcomeCountsOf, outcomeCountsSql, type OutcomeCounts, type OutcomeCountsRow } from './outcome-counts.sql';

export type SeriesBucket = {
  /** The bucket's first instant. */
  readonly start: Date;
  /** Its first moment as wall time in the range's zone: "2026-03-01T10:00". */
  readonly localStart: string;
  readonly calls: OutcomeCounts;
};

export type CampaignStatistics = {
  readonly buckets: SeriesBucket[];
  readonly totals: OutcomeCounts;
  readonly contactsDialed: number;
  readonly ineffectiveCallSeconds: number;
};

export type ProjectStatistics = {
  readonly days: SeriesBucket[];
  readonly totals: OutcomeCounts;
  readonly funnel: { readonly contactsDialed: number; readonly contactsAnswered: number; readonly contactsWithGoal: number };
  readonly campaigns: { readonly campaignId: string; readonly name: string; readonly calls: OutcomeCounts }[];
};

/**
 * Every bucket of the range as local wall time (empty ones too), the attempts of `attempts` (a CTE
 * with placed_at and the outcome columns) grouped into them. Buckets follow the zone's calendar
 * (date_trunc of the local time), so a day is the zone's day whatever its UTC offset.
 * Placeholders: $2 from, $3 to, $4 'hour' | 'day', $5 the zone, $6 the ineffective-call seconds.
 */
const seriesSql = (attempts: string) => `
  WITH attempts AS (${attempts}),
  series AS (
    SELECT generate_series(date_trunc($4, $2::timestamptz AT TIME ZONE $5),
                           date_trunc($4, ($3::timestamptz - interval '1 microsecond') AT TIME ZONE $5),
                           ('1 ' || $4)::interval) AS local_start),
  counted AS (
    SELECT date_trunc($4, placed_at AT TIME ZONE $5) AS local_start, ${outcomeCountsSql('$6')}
      FROM attempts GROUP BY 1)
  SELECT s.local_start AT TIME ZONE $5 AS start, to_char(s.local_start, 'YYYY-MM-DD"T"HH24:MI') AS local_label, c.*
    FROM series s LEFT JOIN counted c USING (local_start)
   ORDER BY s.local_start`;

type SeriesRow = OutcomeCountsRow & { start: Date; local_label: string };

const toBucket = (row: SeriesRow): SeriesBucket => ({ start: row.start, localStart: row.local_label, calls: outcomeCountsOf(row) });
const totalOf = (buckets: readonly SeriesBucket[]): OutcomeCounts => buckets.reduce((sum, bucket) => addCounts(sum, bucket.calls), NO_CALLS);

/** Every figure of one answer from one snapshot, so the series, the totals and the funnel add up. */
const inSnapshot = <T>(pool: Pool, work: (tx: PoolClient) => Promise<T>): Promise<T> =>
  withTransaction(pool, async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
    return work(tx);
  });

/** Statistics over the dialer's attempt table, an attempt counted in the bucket of its first placement. */
export class StatisticsQueries {
  constructor(private readonly pool: Pool) {}

  async campaign(campaignId: string, range: ValidRange): Promise<CampaignStatistics> {
    return inSnapshot(this.pool, async (tx) => {
      // The setting as the campaign has it now (the list read model holds its settings).
      const setting = (await tx.query<{ seconds: number | null }>(`SELECT (settings->>'ineffectiveCallSeconds')::int AS seconds FROM campaign_list WHERE campaign_id = $1`, [campaignId]))
        .rows[0]?.seconds;
      const ineffectiveCallSeconds = setting ?? DEFAULT_SETTINGS.ineffectiveCallSeconds;
      const params = [campaignId, range.from, range.to, range.bucket, range.timeZone, ineffectiveCallSeconds];
      const inRange = 'SELECT * FROM dialing_attempts WHERE campaign_id = $1 AND placed_at >= $2 AND placed_at < $3';
      const buckets = (await tx.query<SeriesRow>(seriesSql(inRange), params)).rows.map(toBucket);
      const contacts = await tx.query<{ dialed: number }>(`SELECT count(DISTINCT contact_index)::int AS dialed FROM (${inRange}) a`, params.slice(0, 3));
      return { buckets, totals: totalOf(buckets), contactsDialed: contacts.rows[0]?.dialed ?? 0, ineffectiveCallSeconds };
    });
  }

  /** Days of the project's campaigns (those the dialer started), with the funnel and each campaign's counts. */
  async project(projectId: string, range: ValidRange): Promise<ProjectStatistics> {
    return inSnapshot(this.pool, async (tx) => {
      // The default ineffective-call seconds: project figures do not report ineffective calls.
      const params = [projectId, range.from, range.to, 'day', range.timeZone, DEFAULT_SETTINGS.ineffectiveCallSeconds];
      const inRange = `SELECT a.* FROM dialing_campaigns c JOIN dialing_attempts a ON a.campaign_id = c.campaign_id
                        WHERE c.project_id = $1 AND a.placed_at >= $2 AND a.placed_at < $3`;
      const days = (await tx.query<SeriesRow>(seriesSql(inRange), params)).rows.map(toBucket);
      const funnel = (
        await tx.query<{ dialed: number; answered: number; goal: number }>(
          `SELECT count(*)::int AS dialed, count(*) FILTER (WHERE answered)::int AS answered, count(*) FILTER (WHERE goal)::int AS goal
             FROM (SELECT bool_or(${ANSWERED_SQL}) AS answered, bool_or(outcome = 'Goal') AS goal FROM (${inRange}) a GROUP BY campaign_id, contact_index) contacts`,
          params.slice(0, 3),
        )
      ).rows[0];
      const campaigns = await tx.query<OutcomeCountsRow & { campaign_id: string; name: string | null }>(
        `SELECT a.campaign_id, l.name, ${outcomeCountsSql('$4')}
           FROM (${inRange}) a LEFT JOIN campaign_list l ON l.campaign_id = a.campaign_id
          GROUP BY a.campaign_id, l.name`,
        [...params.slice(0, 3), DEFAULT_SETTINGS.ineffectiveCallSeconds],
      );
      return {
        days,
        totals: totalOf(days),
        funnel: { contactsDialed: funnel?.dialed ?? 0, contactsAnswered: funnel?.answered ?? 0, contactsWithGoal: funnel?.goal ?? 0 },
        campaigns: campaigns.rows.map((row) => ({ campaignId: row.campaign_id, name: row.name ?? '', calls: outcomeCountsOf(row) })),
      };
    });
  }
}
