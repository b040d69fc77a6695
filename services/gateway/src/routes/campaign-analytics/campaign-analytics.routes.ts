import { campaignsV1, campaignsV1Package } from '@zvonar/proto-ts';
import { z } from 'zod';
import { defineRoute, type RouteRpc } from '../../http/route';
import { protoMethod } from '../../rpc/proto-catalogue';
import { messageSchema } from '../../rpc/proto-json';
import type { RpcGroup } from '../../rpc/rpc-route';

const SERVICE = campaignsV1.CAMPAIGN_ANALYTICS_SERVICE_NAME;
const campaign = '/api/v1/campaigns/:campaignId';

/** The analytics upstream: CampaignAnalyticsService at CAMPAIGNS_GRPC_URL. */
export const analyticsUpstream = { name: 'campaigns', grpcPackage: campaignsV1Package, service: SERVICE } as const;

const rpc = (method: string): RouteRpc => ({ upstream: 'campaigns', grpcPackage: campaignsV1Package, service: SERVICE, method });

/**
 * What the generic routes carry: live progress (a path parameter only), and the downloads on the
 * public gRPC API (REST serves them as files, see campaign-downloads).
 */
export const campaignAnalyticsRoutes: RpcGroup = {
  ...analyticsUpstream,
  scope: 'campaigns',
  routes: [{ method: 'GET', path: `${campaign}/progress`, rpc: 'GetCampaignProgress', scope: 'reports.read' }],
  grpcOnly: [
    { rpc: 'ExportCampaignGoals', scope: 'reports.read' },
    { rpc: 'ExportCampaignReport', scope: 'reports.read' },
  ],
};

// Generic GET routes take scalar query fields only; a range is two instants, so these two routes
// declare their query here (ISO 8601 with an offset) and their answers from the .proto.
const instant = (what: string) => z.iso.datetime({ offset: true }).describe(what);
const range = {
  from: instant('Attempts placed at or after this instant (ISO 8601)'),
  to: instant('Attempts placed before this instant (ISO 8601)'),
  timeZone: z.string().min(1).max(64).optional().describe('IANA zone of the buckets ("Europe/Moscow"); UTC when absent'),
};
const answerOf = (method: string) => messageSchema(protoMethod(campaignsV1Package, SERVICE, method).response, 'response');

export const getCampaignStatistics = defineRoute({
  method: 'GET',
  path: `${campaign}/statistics`,
  operationId: 'getCampaignStatistics',
  tag: 'campaigns',
  summary: 'The campaign’s calls per hour or per day of a time zone, with totals and rates',
  description: 'At most 31 days of hours or 400 days of days per request.',
  access: 'authenticated',
  scope: 'reports.read',
  params: z.strictObject({ campaignId: z.string().min(1).max(200) }),
  query: z.strictObject({ ...range, bucket: z.enum(['hour', 'day']).default('day').describe('The width of a bucket') }),
  response: answerOf('GetCampaignStatistics'),
  status: 200,
  problems: [403, 404],
  rpc: rpc('GetCampaignStatistics'),
});

export const getProjectStatistics = defineRoute({
  method: 'GET',
  path: '/api/v1/projects/:projectId/statistics',
  operationId: 'getProjectStatistics',
  tag: 'campaigns',
  summary: 'Calls, goals and talk time across the project’s campaigns: the funnel, days and the campaigns with most goals',
  description: 'At most 400 days per request. SMS, clicks and spend are 0 / absent until the services that count them exist.',
  access: 'authenticated',
  scope: 'reports.read',
  params: z.strictObject({ projectId: z.string().min(1).max(200) }),
  query: z.strictObject({ ...range, topCampaigns: z.coerce.number().int().min(0).max(50).optional().describe('How many campaigns topCampaigns lists (default 5)') }),
  response: answerOf('GetProjectStatistics'),
  status: 200,
  problems: [403, 404],
  rpc: rpc('GetProjectStatistics'),
});

const download = (file: 'goals' | 'report', summary: string) =>
  defineRoute({
    method: 'GET',
    path: `${campaign}/${file}.csv`,
    operationId: file === 'goals' ? 'downloadCampaignGoals' : 'downloadCampaignReport',
    tag: 'campaigns',
    summary,
    description:
      'The body is the file (text/csv; charset=utf-8, Content-Disposition: attachment): UTF-8 with a byte order mark and ";" between fields, so Excel with Russian settings opens it as is; times in `timeZone`. Streamed as it is read.',
    access: 'authenticated',
    scope: 'reports.read',
    params: z.strictObject({ campaignId: z.string().min(1).max(200) }),
    query: z.strictObject({ timeZone: range.timeZone.describe('IANA zone the times are written in; UTC when absent') }),
    status: 200,
    rawResponse: { contentType: 'text/csv' },
    problems: [403, 404],
  });

export const downloadCampaignGoals = download('goals', 'Download the campaign’s goals as CSV');
export const downloadCampaignReport = download('report', 'Download every call attempt of the campaign as CSV');
