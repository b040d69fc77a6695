export * from './call.events';
export * from './call.commands';
export * from './call.errors';
export * from './call.stream';
export * from './call';
export * from './call-ending';
export { callDecider, decide } from './call.decide';
