export * from './integration-bus.contract';
