import { audiencesRoutes } from '../routes/audiences/audiences.routes';
import { callsRoutes } from '../routes/calls/calls.routes';
import { campaignDialingRoutes, campaignsRoutes } from '../routes/campaigns/campaigns.routes';
import { projectsRoutes } from '../routes/projects/projects.routes';
import { rpcRoute } from './rpc-route';

const groups = [projectsRoutes, audiencesRoutes, campaignsRoutes, campaignDialingRoutes, callsRoutes];

describe('rpcRoute', () => {
  it.each(groups.map((group) => [group.service, group]))('resolves every declared route of %s against its .proto', (_, group) => {
    for (const spec of group.routes) expect(() => rpcRoute(group, spec)).not.toThrow();
  });

  it('gives every route a unique operation id and a unique method + path', () => {
    const definitions = groups.flatMap((group) => group.routes.map((spec) => rpcRoute(group, spec).definition));
    expect(new Set(definitions.map((definition) => definition.operationId)).size).toBe(definitions.length);
    expect(new Set(definitions.map((definition) => `${definition.method} ${definition.path}`)).size).toBe(definitions.length);
  });

  it('builds a list request from path and query: filters, enums and ?cursor&limit as the page', () => {
    const route = rpcRoute(campaignsRoutes, { method: 'GET', path: '/api/v1/projects/:projectId/campaigns', rpc: 'ListCampaigns', items: 'campaigns' });
    const query = route.definition.query?.parse({ statuses: 'running', cursor: 'c-2', limit: '20' });

    expect(route.request({ params: { projectId: 'p-1' }, query, body: undefined }, undefined)).toEqual({
      projectId: 'p-1',
      statuses: ['CAMPAIGN_STATUS_RUNNING'],
      page: { pageToken: 'c-2', pageSize: 20 },
    });
    expect(route.answer({ campaigns: [], page: { nextPageToken: 'c-3' } })).toEqual({ items: [], nextCursor: 'c-3' });
    expect(route.answer({ campaigns: [], page: { nextPageToken: '' } })).toEqual({ items: [], nextCursor: null });
  });

  it('takes a message-typed filter of a GET request as dotted query names', () => {
    const route = rpcRoute(audiencesRoutes, { method: 'GET', path: '/api/v1/segments/:segmentId/contacts', rpc: 'ListContacts', items: 'contacts' });
    const query = route.definition.query?.parse({ 'filter.status': 'active', 'filter.timeZone': 'Asia/Yekaterinburg' });

    expect(route.request({ params: { segmentId: 's-1' }, query, body: undefined }, undefined)).toEqual({
      segmentId: 's-1',
      filter: { status: 'CONTACT_STATUS_ACTIVE', timeZone: 'Asia/Yekaterinburg' },
      page: { pageToken: '', pageSize: 0 },
    });
    expect(route.definition.query?.safeParse({ 'filter.colour': 'red' }).success).toBe(false);
  });

  it('fills caller fields from the authenticated caller, never from the client', () => {
    const route = rpcRoute(audiencesRoutes, { method: 'POST', path: '/api/v1/do-not-call', rpc: 'AddToDoNotCall', callerFields: { accountId: 'accountId' } });
    expect(route.definition.body?.safeParse({ accountId: 'someone-else', phones: ['+79161234567'] }).success).toBe(false);

    const caller = { accountId: 'acc-1', userId: 'u-1', roles: ['user'], scopes: [], email: '', credential: 'access-token' as const };
    expect(route.request({ params: undefined, query: undefined, body: { phones: ['+79161234567'] } }, caller)).toMatchObject({ accountId: 'acc-1', phones: ['+79161234567'] });
  });

  it('refuses a route whose path parameter is not a field of the request', () => {
    expect(() => rpcRoute(projectsRoutes, { method: 'GET', path: '/api/v1/projects/:projectUuid', rpc: 'GetProject' })).toThrow(/has no field projectUuid/);
  });
});
