import { audiencesService } from '@zvonar/audiences';
import { campaignsService } from '@zvonar/campaigns';
import { describeWithPostgres } from '@zvonar/testing';
import { aProject, once404Passes, signedUpUser } from './journey';
import { platformForSuite } from './platform-under-test';

/** GET /api/v1/campaigns/{id}/preflight: the pre-flight of a launch, through the route derived from campaigns' .proto. */
describeWithPostgres('gateway: a campaign pre-flight over REST', (serverUrl) => {
  const suite = platformForSuite(serverUrl, 'gateway_campaigns_preflight', [audiencesService, campaignsService]);

  it('answers the counts, the forecast and every launch problem of a draft, and 404 to a user of another account', async () => {
    const { client: user } = await signedUpUser(suite.api);
    const projectId = await aProject(user);
    const created = await once404Passes(() => user.post(`/api/v1/projects/${projectId}/campaigns`, { settings: { name: 'Черновик' } }), 'campaigns to know the project');
    const campaignId = created.body.campaignId as string;

    const answer = await user.get(`/api/v1/campaigns/${campaignId}/preflight`, { 'accept-language': 'en' });

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      audienceContacts: 0,
      dialableContacts: 0,
      skipped: { total: 0 },
      forecast: { hasHistory: false, maxCalls: 0 },
    });
    expect(answer.body.launchProblems.map((problem: { field: string; code: string }) => [problem.field, problem.code])).toEqual([
      ['settings.audienceIds', 'REQUIRED'],
      ['settings.scenario', 'REQUIRED'],
      ['settings.telephony.callerNumbers', 'REQUIRED'],
    ]);

    const { client: stranger } = await signedUpUser(suite.api);
    expect((await stranger.get(`/api/v1/campaigns/${campaignId}/preflight`)).status).toBe(404);
  });
});
