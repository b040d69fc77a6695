import { Module } from '@nestjs/common';
import { grpcUrlVariable, SERVICE_CONFIG } from '@zvonar/platform';
import { rpcController } from '../../rpc/rpc-controller';
import { upstreamProvider } from '../../upstream/upstream';
import { AnalyticsDownloads } from './analytics-downloads';
import { campaignAnalyticsRoutes, analyticsUpstream } from './campaign-analytics.routes';
import { CampaignAnalyticsHttpController } from './campaign-analytics.http.controller';
import { CAMPAIGN_ANALYTICS_UPSTREAM } from './campaign-analytics.tokens';

/**
 * Campaign analytics as REST: live progress, statistics, project statistics and the CSV downloads
 * (CampaignAnalyticsService at CAMPAIGNS_GRPC_URL; 503 naming campaigns when it is missing).
 */
@Module({
  controllers: [rpcController(campaignAnalyticsRoutes, CAMPAIGN_ANALYTICS_UPSTREAM, 'CampaignAnalyticsRpcController'), CampaignAnalyticsHttpController],
  providers: [
    upstreamProvider(CAMPAIGN_ANALYTICS_UPSTREAM, analyticsUpstream),
    {
      provide: AnalyticsDownloads,
      inject: [SERVICE_CONFIG],
      useFactory: (config: Record<string, unknown>) => {
        const url = config[grpcUrlVariable('campaigns')];
        return new AnalyticsDownloads(typeof url === 'string' ? url : undefined);
      },
    },
  ],
})
export class CampaignAnalyticsRoutesModule {}
