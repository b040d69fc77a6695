import { describeWithPostgres } from '@zvonar/testing';
import { startFakeCallControlStatus, type FakeCallControlStatus } from '../../dialing/infrastructure/testing/fake-call-control-status.server';
import { campaignsV1 } from './campaigns.proto';
import { call, startCampaigns, type StartedCampaigns } from './testing/campaigns.test-client';

const { CampaignStatus, PauseReason } = campaignsV1;

describeWithPostgres('CampaignsService over gRPC while call-control is unavailable (the service wired with its telephony watch)', (serverUrl) => {
  let callControl: FakeCallControlStatus;
  let started: StartedCampaigns;

  beforeAll(async () => {
    callControl = await startFakeCallControlStatus();
    started = await startCampaigns('campaigns_telephony', serverUrl, {
      CALL_CONTROL_GRPC_URL: callControl.url,
      TELEPHONY_CHECK_MS: '50',
      TELEPHONY_CHECK_DEADLINE_MS: '2000',
      TELEPHONY_GRACE_MS: '1000',
    });
  }, 60_000);

  afterAll(async () => {
    await started?.stop();
    await callControl?.stop();
  }, 60_000);

  it('a running campaign shows PAUSE_REASON_TELEPHONY_UNAVAILABLE during the outage; a user resume meanwhile keeps it so; it runs again by itself once call-control is back', async () => {
    const projectId = await started.project();
    await started.publishScenarioVersion('scenario-tel', 1, projectId);
    const settings: campaignsV1.CampaignSettings = {
      name: 'Акция',
      scenario: { scenarioId: 'scenario-tel', version: 1 },
      audienceIds: ['audience-1'],
      blacklistIds: [],
      telephony: { callerNumbers: ['+74950000000'], carouselNumbers: [] },
      redialRules: undefined,
      pace: { callsPerHour: 1200 },
      schedule: { startDate: '2026-01-05', startTime: '09:00', timeZone: 'Europe/Moscow', weekdays: [1, 2, 3, 4, 5, 6, 7], dailyWindow: { from: '00:00', to: '24:00' } },
    } as campaignsV1.CampaignSettings;
    const { campaignId } = (await call(started.client.createCampaign({ projectId, settings, campaignId: '' }))).campaign!;
    expect((await call(started.client.launchCampaign({ campaignId }))).campaign).toMatchObject({ status: CampaignStatus.CAMPAIGN_STATUS_RUNNING });

    // Call-control stops being ready: the campaign pauses, and GetCampaign says why.
    callControl.ready = false;
    await started.readModel(campaignId, (campaign) => campaign.pauseReason === PauseReason.PAUSE_REASON_TELEPHONY_UNAVAILABLE);
    expect((await call(started.client.getCampaign({ campaignId }))).campaign).toMatchObject({ status: CampaignStatus.CAMPAIGN_STATUS_PAUSED });

    // The user pauses, then resumes while call-control is still down: it stays paused, for the telephony.
    expect((await call(started.client.pauseCampaign({ campaignId }))).campaign).toMatchObject({ status: CampaignStatus.CAMPAIGN_STATUS_PAUSED, pauseReason: PauseReason.PAUSE_REASON_USER });
    expect((await call(started.client.resumeCampaign({ campaignId }))).campaign).toMatchObject({
      status: CampaignStatus.CAMPAIGN_STATUS_PAUSED,
      pauseReason: PauseReason.PAUSE_REASON_TELEPHONY_UNAVAILABLE,
    });

    // Call-control is back: it runs again without anyone asking.
    callControl.ready = true;
    const running = await started.readModel(campaignId, (campaign) => campaign.status === CampaignStatus.CAMPAIGN_STATUS_RUNNING);
    expect(running.pauseReason).toBe(PauseReason.PAUSE_REASON_UNSPECIFIED);
  }, 60_000);
});
