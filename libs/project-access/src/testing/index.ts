export * from './tenant-isolation.contract';
export * from './access-outcome';
export * from './projects-stand-in';
