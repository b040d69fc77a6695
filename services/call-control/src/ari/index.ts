export * from './ari.config';
export * from './ari.errors';
export * from './ari.http';
export * from './ari.commands';
export * from './ari-events';
export * from './ari.connection';
export * from './ari.client';
