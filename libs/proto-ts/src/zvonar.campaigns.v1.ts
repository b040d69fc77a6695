export * from './generated/zvonar/campaigns/v1/campaigns_service';
