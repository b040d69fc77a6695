export * from './event';
export * from './command';
export * from './decider';
export * from './errors';
export * from './stream-id';
export * from './event-store.port';
