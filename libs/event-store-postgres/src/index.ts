export * from './postgres.event-store';
export { compareCheckpoints, parseCheckpoint, toCheckpoint } from './postgres.checkpoint';
export { migrate } from './postgres.schema';
export { AppendNotifications } from './postgres.notifications';
