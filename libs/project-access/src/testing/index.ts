export * from './tenant-isolation.contract';
