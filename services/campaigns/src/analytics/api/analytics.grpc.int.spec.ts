import { status } from '@grpc/grpc-js';
import { fieldViolationsOf } from '@zvonar/platform';
import { aPrincipal } from '@zvonar/project-access/src/testing';
import { callControlV1, campaignsV1 } from '@zvonar/proto-ts';
import { describeWithPostgres, eventually } from '@zvonar/testing';
import { aContact } from '../../dialing/infrastructure/testing/dialer.fixture';
import { seedDialedCampaign, type SeedAttempt } from '../infrastructure/testing/analytics.seed';
import { as, call, download, failure, startAnalytics, type AnalyticsStand } from '../infrastructure/testing/analytics.stand';

jest.setTimeout(60_000);

const O = callControlV1.CallOutcome;
const { DialingState, StatisticsBucket } = campaignsV1;
const BOM = '\uFEFF';

/** The data lines of a CSV download (BOM and header line checked by the caller). */
const linesOf = (bytes: Buffer): string[] => bytes.toString('utf8').split('\r\n').filter((line) => line !== '');

describeWithPostgres('CampaignAnalyticsService over the dialer’s tables', (serverUrl) => {
  let stand: AnalyticsStand;
  let projectId: string;

  beforeAll(async () => {
    stand = await startAnalytics('analytics_api', serverUrl, { 'audience-1': [0, 1, 2, 3].map((index) => aContact(index, ['Asia/Yekaterinburg'])) });
    projectId = await stand.project();
  });

  afterAll(async () => {
    await stand?.stop();
  });

  const me = () => as(stand.marketer);

  describe('a campaign the real dialer runs', () => {
    let campaignId: string;

    beforeAll(async () => {
      campaignId = await stand.createCampaign(projectId, { start: true, name: 'Живая', settings: { ineffectiveCallSeconds: 10 } });
      await eventually(async () => (await stand.pool.query('SELECT 1 FROM dialing_attempts WHERE campaign_id = $1', [campaignId])).rowCount === 4, { what: 'four attempts placed' });
      // A goal of 42 s, an answer of 3 s (ineffective), a busy line (a redial later); the fourth call goes on.
      await stand.endCall(campaignId, `${campaignId}:0:1`, O.CALL_OUTCOME_GOAL, { goalReached: true, talkSeconds: 42 });
      await stand.endCall(campaignId, `${campaignId}:1:1`, O.CALL_OUTCOME_COMPLETED, { talkSeconds: 3 });
      await stand.endCall(campaignId, `${campaignId}:2:1`, O.CALL_OUTCOME_BUSY);
    });

    it('given 2 of 4 contacts done and 1 call still going, when the progress is asked, then 50%, 2 remaining, the pace of 4 calls and the ETA at it', async () => {
      const progress = await eventually(
        async () => {
          const answer = await call(stand.client.getCampaignProgress({ campaignId }, me()));
          return answer.processedContacts === 2 && answer.activeCalls === 1 ? answer : undefined;
        },
        { what: 'the outcomes in the progress' },
      );
      expect({ ...progress, asOf: undefined, estimatedCompletionAt: undefined }).toEqual({
        state: DialingState.DIALING_STATE_RUNNING,
        totalContacts: 4,
        processedContacts: 2,
        remainingContacts: 2,
        percentDone: 50,
        activeCalls: 1,
        callsPerHourLastMinute: 240,
        callsPerHourLastQuarterHour: 16,
        estimatedCompletionAt: undefined,
        audienceLoaded: true,
        asOf: undefined,
      });
      // 2 contacts at 16 calls an hour: 7.5 minutes from the moment described.
      expect(progress.estimatedCompletionAt!.getTime() - progress.asOf!.getTime()).toBe(450_000);
    });

    it('when its statistics are asked by the hour, then the totals and rates of its 4 calls', async () => {
      const now = Date.now();
      const answer = await call(
        stand.client.getCampaignStatistics({ campaignId, from: new Date(now - 3_600_000), to: new Date(now + 60_000), bucket: StatisticsBucket.STATISTICS_BUCKET_HOUR, timeZone: 'Europe/Moscow' }, me()),
      );
      expect(answer.totals).toEqual({ placed: 4, answered: 2, goals: 1, answeringMachines: 0, notAnswered: 0, blacklisted: 0, busy: 1, failed: 0, inProgress: 1, talkSeconds: 45, ineffectiveCalls: 1 });
      expect([answer.answerRate, answer.goalRateOfAnswered, answer.goalRateOfContacts, answer.averageTalkSeconds, answer.contactsDialed, answer.ineffectiveCallSeconds]).toEqual([0.5, 0.5, 0.25, 22.5, 4, 10]);
      expect(answer.buckets.length).toBeGreaterThanOrEqual(2);
      expect(answer.buckets.reduce((sum, bucket) => sum + bucket.calls!.placed, 0)).toBe(4);
    });

    it('when its goals and its report are downloaded, then Excel-ready CSV: BOM, Russian headers, a line per goal and per attempt', async () => {
      const goals = await download(stand.client.exportCampaignGoals({ campaignId, timeZone: 'Asia/Yekaterinburg' }, me()));
      const goalText = goals.bytes.toString('utf8');
      expect(goalText.startsWith(`${BOM}Телефон;Время звонка с целью;ID контакта;Номер контакта в кампании;ID звонка\r\n`)).toBe(true);
      const goalLines = linesOf(goals.bytes).slice(1);
      expect(goalLines).toHaveLength(1);
      expect(goalLines[0]).toMatch(new RegExp(`^\\+79161000000;\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d;contact-0;0;${campaignId}:0:1$`));

      const report = await download(stand.client.exportCampaignReport({ campaignId, timeZone: '' }, as(stand.marketer, 'en')));
      const [header, ...rows] = linesOf(report.bytes);
      expect(header).toBe(`${BOM}Attempt ID;Contact index;Contact ID;Attempt;Phone;Contact time zone;Placed at;Ended at;Outcome;Talk seconds;Sends;Redial scheduled;Goal`);
      expect(rows.map((row) => row.split(';')).map((cells) => [cells[0], cells[8], cells[9], cells[11], cells[12]]).sort()).toEqual([
        [`${campaignId}:0:1`, 'Goal', '42', '0', '1'],
        [`${campaignId}:1:1`, 'Answered', '3', '0', '0'],
        [`${campaignId}:2:1`, 'Busy', '0', '1', '0'],
        [`${campaignId}:3:1`, 'In progress', '0', '0', '0'],
      ]);
    });
  });

  describe('statistics in a time zone', () => {
    // Instants around the days of Vladivostok (UTC+10) and Moscow (UTC+3), and the half hours of Kolkata (UTC+5:30).
    const attempts: SeedAttempt[] = [
      { contactIndex: 0, placedAt: new Date('2026-03-01T20:30:00Z'), outcome: 'NoAnswer' },
      { contactIndex: 0, attempt: 2, placedAt: new Date('2026-03-01T21:30:00Z'), outcome: 'Goal', talkSeconds: 60 },
      { contactIndex: 1, placedAt: new Date('2026-03-02T13:59:59Z'), outcome: 'Answered', talkSeconds: 14 },
      { contactIndex: 2, placedAt: new Date('2026-03-02T14:00:00Z'), outcome: 'AnsweringMachine' },
    ];
    let campaignId: string;

    beforeAll(async () => {
      campaignId = await stand.createCampaign(projectId, { name: 'Архив', settings: { ineffectiveCallSeconds: 15 } });
      await seedDialedCampaign(stand.pool, { campaignId, projectId, contacts: 3, finished: 3, attempts });
    });

    const daily = (timeZone: string) =>
      call(
        stand.client.getCampaignStatistics(
          { campaignId, from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-03-04T00:00:00Z'), bucket: StatisticsBucket.STATISTICS_BUCKET_UNSPECIFIED, timeZone },
          me(),
        ),
      );

    it('given DAY buckets in Asia/Vladivostok, then the zone’s days, empty ones included, each starting at its local midnight', async () => {
      const answer = await daily('Asia/Vladivostok');
      expect(answer.buckets.map((bucket) => [bucket.localStart, bucket.start!.toISOString(), bucket.calls!.placed])).toEqual([
        ['2026-03-01T00:00', '2026-02-28T14:00:00.000Z', 0],
        ['2026-03-02T00:00', '2026-03-01T14:00:00.000Z', 3],
        ['2026-03-03T00:00', '2026-03-02T14:00:00.000Z', 1],
        ['2026-03-04T00:00', '2026-03-03T14:00:00.000Z', 0],
      ]);
      // The campaign's own setting (15 s) makes the 14-second answer ineffective; the 60-second goal is not.
      expect(answer.totals).toMatchObject({ placed: 4, answered: 2, goals: 1, notAnswered: 1, answeringMachines: 1, talkSeconds: 74, ineffectiveCalls: 1 });
      expect([answer.contactsDialed, answer.goalRateOfContacts, answer.ineffectiveCallSeconds, answer.timeZone]).toEqual([3, 1 / 3, 15, 'Asia/Vladivostok']);
    });

    it('given the same range in Europe/Moscow, then the calls fall on Moscow’s days', async () => {
      const answer = await daily('Europe/Moscow');
      expect(answer.buckets.map((bucket) => [bucket.localStart, bucket.calls!.placed])).toEqual([
        ['2026-03-01T00:00', 1],
        ['2026-03-02T00:00', 3],
        ['2026-03-03T00:00', 0],
        ['2026-03-04T00:00', 0],
      ]);
    });

    it('given HOUR buckets in Asia/Kolkata, then hours start at half past the UTC hour', async () => {
      const answer = await call(
        stand.client.getCampaignStatistics(
          { campaignId, from: new Date('2026-03-01T20:00:00Z'), to: new Date('2026-03-01T23:00:00Z'), bucket: StatisticsBucket.STATISTICS_BUCKET_HOUR, timeZone: 'Asia/Kolkata' },
          me(),
        ),
      );
      expect(answer.buckets.map((bucket) => [bucket.localStart, bucket.start!.toISOString(), bucket.calls!.placed, bucket.calls!.goals])).toEqual([
        ['2026-03-02T01:00', '2026-03-01T19:30:00.000Z', 0, 0],
        ['2026-03-02T02:00', '2026-03-01T20:30:00.000Z', 1, 0],
        ['2026-03-02T03:00', '2026-03-01T21:30:00.000Z', 1, 1],
        ['2026-03-02T04:00', '2026-03-01T22:30:00.000Z', 0, 0],
      ]);
    });

    it('refuses an unknown zone, a range longer than its bucket allows and a missing end, naming the fields in Russian', async () => {
      const zone = await failure(stand.client.getCampaignStatistics({ campaignId, from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-03-02T00:00:00Z'), bucket: 0 as never, timeZone: 'Mars/Olympus' }, me()));
      expect(zone.code).toBe(status.INVALID_ARGUMENT);
      expect(fieldViolationsOf(zone.metadata).map(({ field, code, message }) => [field, code, message])).toEqual([['time_zone', 'UNKNOWN_TIME_ZONE', 'Неизвестный часовой пояс']]);
      const long = await failure(
        stand.client.getCampaignStatistics(
          { campaignId, from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-02-02T00:00:00Z'), bucket: StatisticsBucket.STATISTICS_BUCKET_HOUR, timeZone: 'Europe/Moscow' },
          me(),
        ),
      );
      expect(fieldViolationsOf(long.metadata).map(({ field, code, message }) => [field, code, message])).toEqual([['to', 'RANGE_TOO_LONG', 'По часам — не больше 31 дней']]);
      const open = await failure(stand.client.getCampaignStatistics({ campaignId, from: new Date('2026-01-01T00:00:00Z'), to: undefined, bucket: StatisticsBucket.STATISTICS_BUCKET_DAY, timeZone: 'UTC' }, as(stand.marketer, 'en')));
      expect(fieldViolationsOf(open.metadata).map(({ field, code }) => [field, code])).toEqual([['to', 'REQUIRED']]);
    });

    it('writes the report’s times in the zone asked for', async () => {
      const report = await download(stand.client.exportCampaignReport({ campaignId, timeZone: 'Europe/Moscow' }, me()));
      const placed = linesOf(report.bytes)
        .slice(1)
        .map((line) => line.split(';')[6]);
      expect(placed).toEqual(['2026-03-01 23:30:00', '2026-03-02 00:30:00', '2026-03-02 16:59:59', '2026-03-02 17:00:00']);
    });
  });

  it('given a project with three dialled campaigns, then its totals, funnel by distinct contact, days and the campaigns with most goals', async () => {
    const project = await stand.project();
    const day = (iso: string) => new Date(`2026-04-${iso}Z`);
    const first = await stand.createCampaign(project, { name: 'Первая' });
    const second = await stand.createCampaign(project, { name: 'Вторая' });
    const third = await stand.createCampaign(project, { name: 'Без целей' });
    await seedDialedCampaign(stand.pool, {
      campaignId: first,
      projectId: project,
      contacts: 3,
      finished: 3,
      attempts: [
        // Contact 0 is dialled twice (no answer, then a goal): one contact in the funnel.
        { contactIndex: 0, placedAt: day('01T09:00:00'), outcome: 'NoAnswer' },
        { contactIndex: 0, attempt: 2, placedAt: day('02T09:00:00'), outcome: 'Goal', talkSeconds: 90 },
        { contactIndex: 1, placedAt: day('02T10:00:00'), outcome: 'Goal', talkSeconds: 30 },
        { contactIndex: 2, placedAt: day('02T11:00:00'), outcome: 'Answered', talkSeconds: 60 },
      ],
    });
    await seedDialedCampaign(stand.pool, { campaignId: second, projectId: project, contacts: 1, finished: 1, attempts: [{ contactIndex: 0, placedAt: day('03T12:00:00'), outcome: 'Goal', talkSeconds: 60 }] });
    await seedDialedCampaign(stand.pool, { campaignId: third, projectId: project, contacts: 2, finished: 0, attempts: [{ contactIndex: 0, placedAt: day('01T12:00:00'), outcome: 'Busy' }, { contactIndex: 1, placedAt: day('01T13:00:00'), outcome: null }] });
    // Another project's calls on the same days stay out.
    const elsewhere = await stand.project();
    await seedDialedCampaign(stand.pool, { campaignId: await stand.createCampaign(elsewhere), projectId: elsewhere, contacts: 1, finished: 1, attempts: [{ contactIndex: 0, placedAt: day('02T09:00:00'), outcome: 'Goal', talkSeconds: 10 }] });

    const answer = await call(stand.client.getProjectStatistics({ projectId: project, from: day('01T00:00:00'), to: day('04T00:00:00'), timeZone: 'Europe/Moscow', topCampaigns: 0 }, me()));

    // Absent until billing exists.
    expect(answer.totals).toEqual({ calls: 7, answered: 4, goals: 3, talkMinutes: 4, smsSent: 0, linkClicks: 0, spent: null });
    expect(answer.funnel).toEqual({ contactsDialed: 6, contactsAnswered: 4, contactsWithGoal: 3 });
    expect(answer.days.map((entry) => [entry.localDate, entry.calls, entry.answered, entry.goals, entry.talkMinutes])).toEqual([
      ['2026-04-01', 3, 0, 0, 0],
      ['2026-04-02', 3, 3, 2, 3],
      ['2026-04-03', 1, 1, 1, 1],
      ['2026-04-04', 0, 0, 0, 0],
    ]);
    expect(answer.topCampaigns).toEqual([
      { campaignId: first, name: 'Первая', goals: 2, calls: 4, answered: 3 },
      { campaignId: second, name: 'Вторая', goals: 1, calls: 1, answered: 1 },
    ]);
  });

  it('given a report and goals larger than a page, then every attempt and goal exactly once, one chunk per page', async () => {
    const campaignId = await stand.createCampaign(projectId, { name: 'Большая' });
    const start = Date.parse('2026-05-01T00:00:00Z');
    const attempts: SeedAttempt[] = Array.from({ length: 2500 }, (_, index) => ({ contactIndex: index, placedAt: new Date(start + index * 1000), outcome: index % 2 === 0 ? 'Goal' : 'NoAnswer', talkSeconds: index % 2 === 0 ? 12.5 : 0 }));
    await seedDialedCampaign(stand.pool, { campaignId, projectId, contacts: 2500, finished: 2500, attempts });

    const report = await download(stand.client.exportCampaignReport({ campaignId, timeZone: 'UTC' }, me()));
    const rows = linesOf(report.bytes).slice(1);
    // BOM and header, then pages of 1,000, 1,000 and 500 attempts.
    expect(report.chunks).toBe(4);
    expect(new Set(rows.map((row) => row.split(';')[0])).size).toBe(2500);
    expect(rows[0]).toBe(`${campaignId}:0:1;0;contact-0;1;+79160000000;Europe/Moscow;2026-05-01 00:00:00;2026-05-01 00:00:00;Цель;12,5;1;0;1`);

    const goals = await download(stand.client.exportCampaignGoals({ campaignId, timeZone: 'UTC' }, me()));
    const goalRows = linesOf(goals.bytes).slice(1);
    expect([goals.chunks, goalRows.length, new Set(goalRows).size]).toEqual([3, 1250, 1250]);
  });

  it('answers a campaign the dialer never started with zeros, and strangers, missing campaigns and callers without a principal as the other campaign RPCs do', async () => {
    const draft = await stand.createCampaign(projectId);
    const progress = await call(stand.client.getCampaignProgress({ campaignId: draft }, me()));
    expect({ ...progress, asOf: undefined }).toMatchObject({ state: DialingState.DIALING_STATE_NOT_STARTED, totalContacts: 0, percentDone: 0, estimatedCompletionAt: null });

    const stranger = as(aPrincipal('stranger'));
    const theirs = await failure(stand.client.getCampaignProgress({ campaignId: draft }, stranger));
    const missing = await failure(stand.client.getCampaignProgress({ campaignId: '0190a3b4-0000-7000-8000-000000000000' }, me()));
    expect([theirs.code, theirs.details]).toEqual([status.NOT_FOUND, 'Кампания не найдена']);
    expect([missing.code, missing.details]).toEqual([theirs.code, theirs.details]);
    const download = await failure(stand.client.exportCampaignReport({ campaignId: draft, timeZone: '' }, stranger));
    expect([download.code, download.details]).toEqual([status.NOT_FOUND, 'Кампания не найдена']);
    const zone = await failure(stand.client.exportCampaignGoals({ campaignId: draft, timeZone: '+03:00' }, me()));
    expect(fieldViolationsOf(zone.metadata).map(({ field }) => field)).toEqual(['time_zone']);
    expect((await failure(stand.client.getCampaignProgress({ campaignId: draft }))).code).toBe(status.UNAUTHENTICATED);
  });
});
