import type { IntegrationConsumer } from '@zvonar/messaging';
import { PostgresIntegrationBus } from '@zvonar/messaging-postgres';
import { describeWithPostgres, eventually } from '@zvonar/testing';
import { campaignsV1 } from '../api/campaigns.proto';
import { call, startCampaigns, type StartedCampaigns } from '../api/testing/campaigns.test-client';
import { campaignEventsV1 } from './campaign-events.proto';
import { CAMPAIGN_TOPIC } from './campaign.integration-events';

type Received = { type: string; key: string; messageId: string; payload: Uint8Array };

describeWithPostgres('campaign lifecycle facts on zvonar.campaigns.campaign.v1 (embedded bus)', (serverUrl) => {
  let started: StartedCampaigns;
  let bus: PostgresIntegrationBus;
  let consumer: IntegrationConsumer;
  const received: Received[] = [];

  beforeAll(async () => {
    started = await startCampaigns('campaigns_facts', serverUrl);
    await started.publishScenarioVersion('scenario-f', 1, await started.project('project-f'));
    // A consumer in another service: the embedded bus log of campaigns lives in its schema.
    bus = await PostgresIntegrationBus.connect({ pool: started.pool, schema: 'campaigns' });
    consumer = await bus.subscribe({
      group: 'test-campaign-facts',
      topics: [CAMPAIGN_TOPIC],
      decode: (payload, message) => ({ type: message.type, key: message.key, messageId: message.messageId, payload }),
      handle: async (message) => void received.push(message),
    });
  });

  afterAll(async () => {
    await consumer?.stop();
    await bus?.close();
    await started?.stop();
  });

  it('publishes each lifecycle fact once, keyed by the campaign, in order', async () => {
    const settings = {
      name: 'Факты',
      scenario: { scenarioId: 'scenario-f', version: 1 },
      audienceIds: ['audience-1'],
      telephony: { callerNumbers: ['+74950000000'], carouselNumbers: [] },
      schedule: { startDate: '2026-01-05', startTime: '09:00', timeZone: 'Europe/Moscow', weekdays: [] },
    } as unknown as campaignsV1.CampaignSettings;
    const { campaignId } = (await call(started.client.createCampaign({ projectId: 'project-f', settings, campaignId: '' }))).campaign!;
    await call(started.client.launchCampaign({ campaignId }));
    await call(started.client.pauseCampaign({ campaignId }));
    await call(started.client.stopCampaign({ campaignId }));

    const mine = () => received.filter((message) => message.key === campaignId);
    await eventually(() => mine().length === 5, { what: 'five facts of the campaign' });
    expect(mine().map((message) => message.type)).toEqual([
      'zvonar.campaigns.v1.CampaignCreated',
      'zvonar.campaigns.v1.CampaignScheduled',
      'zvonar.campaigns.v1.CampaignStarted',
      'zvonar.campaigns.v1.CampaignPaused',
      'zvonar.campaigns.v1.CampaignStopped',
    ]);
    expect(new Set(mine().map((message) => message.messageId)).size).toBe(5);
    const created = campaignEventsV1.CampaignCreated.decode(mine()[0]!.payload);
    expect(created).toMatchObject({ campaignId, projectId: 'project-f', name: 'Факты', scenarioId: 'scenario-f', scenarioVersion: 1 });
    expect(campaignEventsV1.CampaignScheduled.decode(mine()[1]!.payload).startsAt).toEqual(new Date('2026-01-05T06:00:00Z'));
    expect(campaignEventsV1.CampaignPaused.decode(mine()[3]!.payload).reason).toBe(campaignsV1.PauseReason.PAUSE_REASON_USER);
  });
});
