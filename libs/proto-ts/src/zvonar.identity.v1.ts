export * from './generated/zvonar/identity/v1/identity_service';
export * from './generated/zvonar/identity/v1/identity_events';
