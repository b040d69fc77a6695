import { describeTenantIsolation, type IsolationVerb } from '@zvonar/project-access/src/testing';
import { campaignsV1 } from '@zvonar/proto-ts';
import { describeWithPostgres } from '@zvonar/testing';
import { call, download, startAnalytics, type AnalyticsStand } from '../infrastructure/testing/analytics.stand';

// Each caller tries the 5 verbs, each on a fresh project with a campaign of its own.
jest.setTimeout(120_000);

describeWithPostgres('CampaignAnalyticsService', (serverUrl) => {
  let stand: AnalyticsStand;

  beforeAll(async () => {
    stand = await startAnalytics('analytics_isolation', serverUrl);
  });

  afterAll(async () => {
    await stand?.stop();
  });

  const from = new Date('2026-03-01T00:00:00Z');
  const to = new Date('2026-03-08T00:00:00Z');
  const onCampaign = (name: string, run: (client: AnalyticsStand['client'], campaignId: string, metadata: Parameters<IsolationVerb['call']>[0]) => Promise<unknown>): IsolationVerb => ({
    name,
    need: 'read',
    call: async (metadata, { projectId }) => run(stand.client, await stand.createCampaign(projectId), metadata),
  });

  const verbs: IsolationVerb[] = [
    onCampaign('GetCampaignProgress', (client, campaignId, metadata) => call(client.getCampaignProgress({ campaignId }, metadata))),
    onCampaign('GetCampaignStatistics', (client, campaignId, metadata) =>
      call(client.getCampaignStatistics({ campaignId, from, to, bucket: campaignsV1.StatisticsBucket.STATISTICS_BUCKET_DAY, timeZone: 'Europe/Moscow' }, metadata)),
    ),
    { name: 'GetProjectStatistics', need: 'read', call: (metadata, { projectId }) => call(stand.client.getProjectStatistics({ projectId, from, to, timeZone: '', topCampaigns: 0 }, metadata)) },
    onCampaign('ExportCampaignGoals', (client, campaignId, metadata) => download(client.exportCampaignGoals({ campaignId, timeZone: '' }, metadata))),
    onCampaign('ExportCampaignReport', (client, campaignId, metadata) => download(client.exportCampaignReport({ campaignId, timeZone: '' }, metadata))),
  ];

  describeTenantIsolation('campaign analytics', () => ({ givenProject: ({ owner, editor }) => stand.projects.create({ owner, editor }), verbs }));
});
