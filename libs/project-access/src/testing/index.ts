export * from './tenant-isolation.contract';
export * from './access-outcome';
