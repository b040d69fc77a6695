import { audiencesService } from '@zvonar/audiences';
import { campaignsService } from '@zvonar/campaigns';
import { describeWithPostgres } from '@zvonar/testing';
import { aProject, once404Passes, signedUpUser } from './journey';
import { platformForSuite } from './platform-under-test';

/** Campaign analytics over REST: progress (a generic route), statistics over a range of instants, and the CSV downloads. */
describeWithPostgres('gateway: campaign analytics over REST', (serverUrl) => {
  const suite = platformForSuite(serverUrl, 'gateway_campaign_analytics', [audiencesService, campaignsService]);

  /** A CSV download as a browser makes it (the OpenAPI client reads JSON only). */
  const fetchFile = (path: string, accessToken: string) => fetch(`${suite.platform.gateway.httpUrl}${path}`, { headers: { authorization: `Bearer ${accessToken}` } });

  it('answers a draft’s progress and statistics, a project’s statistics and Excel-ready CSV files, 422 for an unknown zone and 404 to a stranger', async () => {
    const { client: user, accessToken } = await signedUpUser(suite.api);
    const projectId = await aProject(user);
    const created = await once404Passes(() => user.post(`/api/v1/projects/${projectId}/campaigns`, { settings: { name: 'Аналитика' } }), 'campaigns to know the project');
    const campaignId = created.body.campaignId as string;

    const progress = await user.get(`/api/v1/campaigns/${campaignId}/progress`);
    expect(progress.status).toBe(200);
    expect(progress.body).toMatchObject({ state: 'not_started', totalContacts: 0, percentDone: 0 });

    const range = 'from=2026-03-01T00:00:00%2B03:00&to=2026-03-04T00:00:00%2B03:00&timeZone=Europe/Moscow';
    const statistics = await user.get(`/api/v1/campaigns/${campaignId}/statistics?${range}`);
    expect(statistics.status).toBe(200);
    expect(statistics.body.buckets.map((bucket: { localStart: string; calls: { placed: number } }) => [bucket.localStart, bucket.calls.placed])).toEqual([
      ['2026-03-01T00:00', 0],
      ['2026-03-02T00:00', 0],
      ['2026-03-03T00:00', 0],
    ]);
    const hourly = await user.get(`/api/v1/campaigns/${campaignId}/statistics?${range}&bucket=hour`);
    expect(hourly.body.buckets).toHaveLength(72);
    const project = await user.get(`/api/v1/projects/${projectId}/statistics?${range}`);
    expect(project.status).toBe(200);
    expect(project.body).toMatchObject({ totals: { calls: 0, goals: 0, smsSent: 0, linkClicks: 0 }, funnel: { contactsDialed: 0 }, timeZone: 'Europe/Moscow' });
    expect(project.body.days).toHaveLength(3);

    const unknownZone = await user.get(`/api/v1/campaigns/${campaignId}/statistics?from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z&timeZone=Mars/Olympus`);
    expect(unknownZone.status).toBe(422);
    const tooLong = await user.get(`/api/v1/campaigns/${campaignId}/statistics?from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z&bucket=hour`);
    expect(tooLong.status).toBe(422);

    const goals = await fetchFile(`/api/v1/campaigns/${campaignId}/goals.csv`, accessToken);
    expect([goals.status, goals.headers.get('content-type'), goals.headers.get('content-disposition')]).toEqual([
      200,
      'text/csv; charset=utf-8',
      `attachment; filename="campaign-${campaignId}-goals.csv"`,
    ]);
    const bytes = Buffer.from(await goals.arrayBuffer());
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(bytes.subarray(3).toString('utf8')).toBe('Телефон;Время звонка с целью;ID контакта;Номер контакта в кампании;ID звонка\r\n');
    const report = await fetchFile(`/api/v1/campaigns/${campaignId}/report.csv?timeZone=Europe/Moscow`, accessToken);
    // Buffer keeps the byte order mark (Response.text() would drop it).
    expect([report.status, Buffer.from(await report.arrayBuffer()).toString('utf8').split(';')[0]]).toEqual([200, '\uFEFFID попытки']);

    const { client: stranger, accessToken: strangerToken } = await signedUpUser(suite.api);
    expect((await stranger.get(`/api/v1/campaigns/${campaignId}/progress`)).status).toBe(404);
    expect((await stranger.get(`/api/v1/projects/${projectId}/statistics?${range}`)).status).toBe(404);
    const theirs = await fetchFile(`/api/v1/campaigns/${campaignId}/report.csv`, strangerToken);
    expect([theirs.status, theirs.headers.get('content-type')]).toEqual([404, 'application/problem+json; charset=utf-8']);
  });
});
