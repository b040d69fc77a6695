export * from './generated/zvonar/projects/v1/projects_service';
export * from './generated/zvonar/projects/v1/project_events';
