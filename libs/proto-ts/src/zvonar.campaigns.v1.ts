export * from './generated/zvonar/campaigns/v1/campaigns_service';
export * from './generated/zvonar/campaigns/v1/dialing_service';
export * from './generated/zvonar/campaigns/v1/campaign_events';
export * from './generated/zvonar/campaigns/v1/analytics_service';
