import { audiencesService } from '@zvonar/audiences';
import { campaignsService } from '@zvonar/campaigns';
import { describeWithPostgres, eventually } from '@zvonar/testing';
import { aProject, once404Passes, signedUpUser } from './journey';
import { platformForSuite } from './platform-under-test';

/** A campaign's life before launch, through the REST routes derived from campaigns' .proto. */
describeWithPostgres('gateway: campaigns over REST', (serverUrl) => {
  // audiences too: campaigns' dialer reads segments from it.
  const suite = platformForSuite(serverUrl, 'gateway_campaigns', [audiencesService, campaignsService]);

  it('creates, reads, lists, reconfigures (sending back the settings it read), copies and archives a campaign', async () => {
    const { client: user } = await signedUpUser(suite.api);
    const projectId = await aProject(user);

    const settings = { name: 'Осенний обзвон', pace: {}, schedule: { dailyWindow: { from: '09:00', to: '20:00' }, weekdays: [1, 2, 3, 4, 5] } };
    const created = await once404Passes(() => user.post(`/api/v1/projects/${projectId}/campaigns`, { settings }), 'campaigns to know the project');
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ projectId, name: 'Осенний обзвон', status: 'draft', archived: false });
    const campaignId = created.body.campaignId as string;

    // GetCampaign and ListCampaigns answer from campaigns' read model, a moment behind the write.
    const read = await once404Passes(() => user.get(`/api/v1/campaigns/${campaignId}`), 'the campaign in the read model');
    expect(read.body).toMatchObject({ campaignId, settings: { name: 'Осенний обзвон' } });
    const listed = await eventually(
      async () => {
        const page = await user.get(`/api/v1/projects/${projectId}/campaigns?statuses=draft&limit=10`);
        return page.body.items.length > 0 && page;
      },
      { what: 'the campaign in the list' },
    );
    expect(listed.body).toMatchObject({ items: [{ campaignId }], nextCursor: null });

    const updated = await user.put(`/api/v1/campaigns/${campaignId}/settings`, { settings: { ...created.body.settings, name: 'Зимний обзвон', concurrencyCap: 5 } });
    expect(updated.body.settings).toMatchObject({ name: 'Зимний обзвон', concurrencyCap: 5 });

    const copy = await user.post(`/api/v1/campaigns/${campaignId}/copy`, { name: 'Копия' });
    expect(copy.status).toBe(201);
    expect(copy.body).toMatchObject({ name: 'Копия', copiedFromCampaignId: campaignId });

    const archived = await user.post(`/api/v1/campaigns/${campaignId}/archive`);
    expect(archived.body.archived).toBe(true);
  });

  it('refuses an invalid campaign field by field and an unknown field by name', async () => {
    const { client: user } = await signedUpUser(suite.api);
    const answer = await user.post('/api/v1/projects/p-1/campaigns', { settings: { name: 'x', concurrencyCap: 'many', colour: 'red' } }, { 'accept-language': 'en' });

    expect(answer.status).toBe(422);
    expect(answer.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'settings.concurrencyCap', code: 'INVALID_TYPE' }),
        expect.objectContaining({ field: 'settings.colour', code: 'UNKNOWN_FIELD' }),
      ]),
    );
  });
});
