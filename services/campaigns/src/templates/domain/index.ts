export * from './call-task-template';
