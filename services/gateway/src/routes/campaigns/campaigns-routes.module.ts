import { Module } from '@nestjs/common';
import { CAMPAIGN_DIALING_UPSTREAM, CAMPAIGNS_UPSTREAM } from '../../gateway.di-tokens';
import { rpcController } from '../../rpc/rpc-controller';
import { upstreamProvider } from '../../upstream/upstream';
import { campaignDialingRoutes, campaignsRoutes } from './campaigns.routes';

/** The campaigns routes and their clients (CAMPAIGNS_GRPC_URL; 503 naming campaigns when it is missing). */
@Module({
  controllers: [
    rpcController(campaignsRoutes, CAMPAIGNS_UPSTREAM, 'CampaignsHttpController'),
    rpcController(campaignDialingRoutes, CAMPAIGN_DIALING_UPSTREAM, 'CampaignDialingHttpController'),
  ],
  providers: [upstreamProvider(CAMPAIGNS_UPSTREAM, campaignsRoutes), upstreamProvider(CAMPAIGN_DIALING_UPSTREAM, campaignDialingRoutes)],
})
export class CampaignsRoutesModule {}
