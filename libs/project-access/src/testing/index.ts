export * from './tenant-isolation.contract';
export * from './access-outcome';
export * from './projects-stand-in';
export * from './project-event-messages';
export * from './access-view';
