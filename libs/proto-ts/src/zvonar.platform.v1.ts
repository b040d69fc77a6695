export * from './generated/zvonar/platform/v1/status';
