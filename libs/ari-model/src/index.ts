export * from './ari.resources';
export * from './ari.events';
