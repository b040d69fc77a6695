import { Inject, StreamableFile } from '@nestjs/common';
import type { campaignsV1 } from '@zvonar/proto-ts';
import { campaignsV1Package } from '@zvonar/proto-ts';
import { GatewayController } from '../../http/gateway-controller.decorator';
import { Endpoint, type RouteInput } from '../../http/route';
import { Context, Input } from '../../http/route-input.decorator';
import { protoMethod } from '../../rpc/proto-catalogue';
import { fromProto, type Json } from '../../rpc/proto-json';
import type { CallContext } from '../../upstream/call-context';
import type { Upstream } from '../../upstream/upstream';
import { AnalyticsDownloads, type DownloadKind } from './analytics-downloads';
import { analyticsUpstream, downloadCampaignGoals, downloadCampaignReport, getCampaignStatistics, getProjectStatistics } from './campaign-analytics.routes';
import { CAMPAIGN_ANALYTICS_UPSTREAM } from './campaign-analytics.tokens';

type Analytics = Upstream<campaignsV1.CampaignAnalyticsServiceClient>;

const answerOf = (rpc: string, response: object): Json => fromProto(response as Json, protoMethod(campaignsV1Package, analyticsUpstream.service, rpc).response);

const BUCKETS = { hour: 'STATISTICS_BUCKET_HOUR', day: 'STATISTICS_BUCKET_DAY' } as unknown as Record<'hour' | 'day', campaignsV1.StatisticsBucket>;

/**
 * The analytics routes the generic RPC routes cannot carry: statistics over a range of instants,
 * and the CSV downloads, streamed as files (text/csv, attachment) from the service's chunks.
 */
@GatewayController()
export class CampaignAnalyticsHttpController {
  constructor(
    @Inject(CAMPAIGN_ANALYTICS_UPSTREAM) private readonly analytics: Analytics,
    private readonly downloads: AnalyticsDownloads,
  ) {}

  @Endpoint(getCampaignStatistics)
  async getCampaignStatistics(@Input() { params, query }: RouteInput<typeof getCampaignStatistics>, @Context() context: CallContext): Promise<Json> {
    const request: campaignsV1.GetCampaignStatisticsRequest = {
      campaignId: params.campaignId,
      from: new Date(query.from),
      to: new Date(query.to),
      bucket: BUCKETS[query.bucket],
      timeZone: query.timeZone ?? '',
    };
    return answerOf('GetCampaignStatistics', await this.analytics.call(context, (client, metadata) => client.getCampaignStatistics(request, metadata)));
  }

  @Endpoint(getProjectStatistics)
  async getProjectStatistics(@Input() { params, query }: RouteInput<typeof getProjectStatistics>, @Context() context: CallContext): Promise<Json> {
    const request: campaignsV1.GetProjectStatisticsRequest = {
      projectId: params.projectId,
      from: new Date(query.from),
      to: new Date(query.to),
      timeZone: query.timeZone ?? '',
      topCampaigns: query.topCampaigns ?? 0,
    };
    return answerOf('GetProjectStatistics', await this.analytics.call(context, (client, metadata) => client.getProjectStatistics(request, metadata)));
  }

  @Endpoint(downloadCampaignGoals)
  downloadCampaignGoals(@Input() { params, query }: RouteInput<typeof downloadCampaignGoals>, @Context() context: CallContext): Promise<StreamableFile> {
    return this.file('goals', params.campaignId, query.timeZone, context);
  }

  @Endpoint(downloadCampaignReport)
  downloadCampaignReport(@Input() { params, query }: RouteInput<typeof downloadCampaignReport>, @Context() context: CallContext): Promise<StreamableFile> {
    return this.file('report', params.campaignId, query.timeZone, context);
  }

  private async file(kind: DownloadKind, campaignId: string, timeZone: string | undefined, context: CallContext): Promise<StreamableFile> {
    const stream = await this.downloads.open(kind, { campaignId, timeZone: timeZone ?? '' }, context);
    return new StreamableFile(stream, { type: 'text/csv; charset=utf-8', disposition: `attachment; filename="campaign-${campaignId}-${kind}.csv"` });
  }
}
