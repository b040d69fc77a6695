import { createPool, runMigrations } from '@zvonar/platform';
import { createTestDatabase, describeWithPostgres } from '@zvonar/testing';
import type { Pool } from 'pg';
import { campaignListMigrations } from '../../campaign/infrastructure/campaign-list.migrations';
import { dialingTableMigrations } from '../../dialing/infrastructure/dialing.migrations';
import { analyticsMigrations } from './analytics.migrations';
import { CampaignProgressQuery } from './campaign-progress.query';
import { StatisticsQueries } from './statistics.queries';

// Writing a million contacts and a million attempts takes a while on a shared machine.
jest.setTimeout(300_000);

const CONTACTS = 1_000_000;
const CAMPAIGN = 'campaign-1m';

type PlanNode = { 'Node Type': string; 'Actual Rows': number; 'Actual Loops': number; Plans?: PlanNode[] };

/** Rows every scan of a plan produced: what a query read, whatever the machine's speed. */
const rowsScanned = (node: PlanNode): number =>
  (/Scan/.test(node['Node Type']) ? node['Actual Rows'] * node['Actual Loops'] : 0) + (node.Plans ?? []).reduce((sum, child) => sum + rowsScanned(child), 0);

const seqScans = (node: PlanNode): string[] => [...(node['Node Type'] === 'Seq Scan' ? [node['Node Type']] : []), ...(node.Plans ?? []).flatMap(seqScans)];

/** The median of `runs` timings of `work`, in ms (printed for the README, never asserted). */
const medianMs = async (runs: number, work: () => Promise<unknown>): Promise<number> => {
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const started = process.hrtime.bigint();
    await work();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
};

describeWithPostgres('GetCampaignProgress at a million contacts', (serverUrl) => {
  let database: { url: string; drop(): Promise<void> };
  let pool: Pool;
  const now = new Date('2026-06-01T12:00:00Z');

  beforeAll(async () => {
    database = await createTestDatabase(serverUrl, 'analytics_1m');
    pool = createPool(database.url, { schema: 'campaigns', max: 2 });
    await runMigrations(pool, 'campaigns', [...campaignListMigrations, ...dialingTableMigrations, ...analyticsMigrations]);
    // 600,000 finished, 100 in a call, the rest waiting; the dialer's last report says so.
    await pool.query(
      `INSERT INTO dialing_campaigns (campaign_id, project_id, status, last_revision, plan, loaded, next_index, progress_reported)
       VALUES ($1, 'project-1m', 'running', 3, '{}', true, $2, $3)`,
      [CAMPAIGN, CONTACTS, JSON.stringify({ leads: 0, spentKopecks: 0, processedContacts: 600_000, totalContacts: CONTACTS })],
    );
    await pool.query(
      `INSERT INTO dialing_contacts (campaign_id, contact_index, contact_id, phone, time_zones, state, due_at, finish_reason)
       SELECT $1, n, 'c' || n, '+7' || (9000000000 + n), ARRAY['Europe/Moscow'],
              CASE WHEN n < 600000 THEN 'finished' WHEN n < 600100 THEN 'leased' ELSE 'waiting' END,
              CASE WHEN n < 600000 THEN NULL ELSE $2::timestamptz END,
              CASE WHEN n < 600000 THEN 'Reached' END
         FROM generate_series(0, $3 - 1) AS n`,
      [CAMPAIGN, now, CONTACTS],
    );
    // One attempt per contact, placed one every 0.26 s up to now: 3,461 of them in the last 15 minutes.
    await pool.query(
      `INSERT INTO dialing_attempts (attempt_id, campaign_id, contact_index, attempt, phone, time_zone, placed_at, outcome, talk_seconds)
       SELECT $1 || ':' || n || ':1', $1, n, 1, '+7' || (9000000000 + n), 'Europe/Moscow', $2::timestamptz - (($3 - 1 - n) * interval '260 milliseconds'),
              CASE WHEN n % 3 = 0 THEN 'Answered' WHEN n % 3 = 1 THEN 'NoAnswer' ELSE NULL END, CASE WHEN n % 3 = 0 THEN 20 ELSE 0 END
         FROM generate_series(0, $3 - 1) AS n`,
      [CAMPAIGN, now, CONTACTS],
    );
    await pool.query('VACUUM ANALYZE dialing_contacts');
    await pool.query('VACUUM ANALYZE dialing_attempts');
  });

  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  it('given a running campaign with its report standing, then the progress reads a few thousand index rows, not the million contacts', async () => {
    const query = new CampaignProgressQuery(pool);
    expect(await query.counts(CAMPAIGN, now)).toEqual({
      state: 'running',
      loaded: true,
      total: CONTACTS,
      processed: 600_000,
      running: true,
      activeCalls: 100,
      placedLastMinute: 231,
      placedLastQuarterHour: 3462,
    });
    // The statement CampaignProgressQuery runs, explained: the pace's window and the leased contacts only.
    const spied: string[] = [];
    const original = pool.query.bind(pool);
    const spy = jest.spyOn(pool, 'query').mockImplementation(((text: string, values: unknown[]) => {
      spied.push(text);
      return original(text, values);
    }) as never);
    await query.counts(CAMPAIGN, now);
    spy.mockRestore();
    expect(spied).toHaveLength(1);
    const plan = (await pool.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${spied[0]!}`, [CAMPAIGN, now, 60, 900])).rows[0]!['QUERY PLAN'][0].Plan;
    expect(seqScans(plan)).toEqual([]);
    expect(rowsScanned(plan)).toBeLessThan(5_000);

    const counterMs = await medianMs(21, () => query.counts(CAMPAIGN, now));
    // Without a standing report (after a restart, before the first outcome) the unfinished contacts are counted.
    await pool.query('UPDATE dialing_campaigns SET progress_reported = NULL WHERE campaign_id = $1', [CAMPAIGN]);
    expect((await query.counts(CAMPAIGN, now))?.processed).toBe(600_000);
    const countedMs = await medianMs(5, () => query.counts(CAMPAIGN, now));
    const statistics = new StatisticsQueries(pool);
    const range = { from: new Date(now.getTime() - 4 * 86_400_000), to: now, timeZone: 'Europe/Moscow' };
    const dailyMs = await medianMs(3, () => statistics.campaign(CAMPAIGN, { ...range, bucket: 'day' }));
    const hourlyDay = { from: new Date(now.getTime() - 86_400_000), to: now, timeZone: 'Europe/Moscow' };
    const hourlyMs = await medianMs(3, () => statistics.campaign(CAMPAIGN, { ...hourlyDay, bucket: 'hour' }));
    console.log(
      JSON.stringify({ contacts: CONTACTS, attempts: CONTACTS, progressWithReportMs: counterMs, progressCountingUnfinishedMs: countedMs, statisticsDaily3DaysMs: dailyMs, statisticsHourlyLastDayMs: hourlyMs }),
    );
  });
});
