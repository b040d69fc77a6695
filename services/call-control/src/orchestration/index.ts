export * from './call.orchestrator';
export * from './scenario-catalogue.port';
export type { CallProcessOptions } from './call-process';
export * from './campaign-call-settings';
