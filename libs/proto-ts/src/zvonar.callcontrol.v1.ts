export * from './generated/zvonar/callcontrol/v1/call_commands';
export * from './generated/zvonar/callcontrol/v1/call_events';
export * from './generated/zvonar/callcontrol/v1/calls_service';
