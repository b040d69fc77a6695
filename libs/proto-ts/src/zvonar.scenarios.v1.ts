export * from './generated/zvonar/scenarios/v1/scenarios_service';
export * from './generated/zvonar/scenarios/v1/scenario_events';
