import { PostgresEventStore } from '@zvonar/event-store-postgres';
import { createPool, SequentialIdGenerator, TestClock } from '@zvonar/platform';
import { describeWithPostgres } from '@zvonar/testing';
import pino from 'pino';
import type { Pool } from 'pg';
import { PublishedScenarioVersions } from '../../published-scenarios/published-scenario-versions.reader';
import { campaignsV1 } from '../api/campaigns.proto';
import { call, startCampaigns, type StartedCampaigns } from '../api/testing/campaigns.test-client';
import { withCampaignEventTypes } from '../infrastructure/campaign-events.revival';
import { PostgresCampaignList } from '../infrastructure/postgres.campaign-list';
import { CampaignLifecycle } from './campaign-lifecycle';
import { CampaignStartScheduler } from './campaign-start.scheduler';

const { CampaignStatus } = campaignsV1;

describeWithPostgres('the start scheduler: a scheduled campaign starts when its start time arrives', (serverUrl) => {
  let started: StartedCampaigns;
  let pool: Pool;
  let store: PostgresEventStore;
  const clock = new TestClock('2030-06-01T05:00:00Z');
  let scheduler: CampaignStartScheduler;

  beforeAll(async () => {
    started = await startCampaigns('campaigns_scheduler', serverUrl);
    await started.publishScenarioVersion('scenario-s', 1, await started.project('project-s'));
    // The service's own scheduler runs on the wall clock (2026): it never reaches a 2030 start.
    // This one runs on a clock the test moves, over the same read model and streams.
    pool = createPool(started.databaseUrl, { schema: 'campaigns', max: 2 });
    store = await PostgresEventStore.connect({ pool, schema: 'campaigns', migrate: false });
    const lifecycle = new CampaignLifecycle(withCampaignEventTypes(store), new PublishedScenarioVersions(pool), clock, new SequentialIdGenerator('campaign'));
    scheduler = new CampaignStartScheduler(new PostgresCampaignList(pool), lifecycle, clock, pino({ level: 'silent' }), { CAMPAIGN_START_POLL_MS: 1_000 });
  });

  afterAll(async () => {
    await store?.close();
    await pool?.end();
    await started?.stop();
  });

  /** A launchable draft starting at 09:00 on `startDate` in `timeZone`. */
  const createDraft = async (name: string, start: { startDate: string; timeZone: string }) => {
    const settings = {
      name,
      scenario: { scenarioId: 'scenario-s', version: 1 },
      audienceIds: ['audience-1'],
      telephony: { callerNumbers: ['+74950000000'], carouselNumbers: [] },
      schedule: { ...start, startTime: '09:00', weekdays: [] },
    } as unknown as campaignsV1.CampaignSettings;
    return (await call(started.client.createCampaign({ projectId: 'project-s', settings, campaignId: '' }))).campaign!;
  };

  it('starts nothing before the start time, starts the campaign once it has come, and only once', async () => {
    // 09:00 in Yekaterinburg is 04:00 UTC on 2 June 2030.
    const draft = await createDraft('Летняя', { startDate: '2030-06-02', timeZone: 'Asia/Yekaterinburg' });
    const scheduled = (await call(started.client.launchCampaign({ campaignId: draft.campaignId }))).campaign!;
    expect(scheduled).toMatchObject({ status: CampaignStatus.CAMPAIGN_STATUS_SCHEDULED, startsAt: new Date('2030-06-02T04:00:00Z') });
    await started.readModel(draft.campaignId, (campaign) => campaign.status === CampaignStatus.CAMPAIGN_STATUS_SCHEDULED);

    clock.set('2030-06-02T03:59:59Z');
    expect(await scheduler.startDue()).toEqual([]);

    clock.set('2030-06-02T04:00:00Z');
    expect(await scheduler.startDue()).toEqual([draft.campaignId]);
    const running = await started.readModel(draft.campaignId, (campaign) => campaign.status === CampaignStatus.CAMPAIGN_STATUS_RUNNING);
    expect(running.revision).toBe(2);

    clock.advance(60_000);
    expect(await scheduler.startDue()).toEqual([]);
    const { events } = await store.readStream(`campaign-${draft.campaignId}`);
    expect(events.map((event) => event.type)).toEqual(['CampaignCreated', 'CampaignScheduled', 'CampaignStarted']);
    expect(events[2]!.data).toMatchObject({ startedAt: '2030-06-02T04:00:00.000Z' });
  });

  it('leaves a scheduled campaign that was stopped before its start alone', async () => {
    const draft = await createDraft('Отменённая', { startDate: '2030-07-01', timeZone: 'Europe/Moscow' });
    await call(started.client.launchCampaign({ campaignId: draft.campaignId }));
    await call(started.client.stopCampaign({ campaignId: draft.campaignId }));
    await started.readModel(draft.campaignId, (campaign) => campaign.status === CampaignStatus.CAMPAIGN_STATUS_STOPPED);
    clock.set('2030-07-02T00:00:00Z');
    expect(await scheduler.startDue()).toEqual([]);
  });
});
