import { ValidationError } from '@zvonar/eventsourcing';

/** Every campaign and template belongs to a project: a request without one names the field. */
export const requireProjectId = (projectId: string): void => {
  if (projectId.trim() === '') throw new ValidationError('The project is required', [{ field: 'projectId', code: 'REQUIRED', message: 'projectId is required' }]);
};
