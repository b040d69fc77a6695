export * from './generated/zvonar/audiences/v1/audiences_service';
export * from './generated/zvonar/audiences/v1/audience_events';
