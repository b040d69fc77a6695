/** CampaignAnalyticsService's unary client (an Upstream at CAMPAIGNS_GRPC_URL). */
export const CAMPAIGN_ANALYTICS_UPSTREAM = Symbol('CAMPAIGN_ANALYTICS_UPSTREAM');
