import { status as GrpcStatus } from '@grpc/grpc-js';
import { ERROR_CODE_METADATA_KEY } from '@zvonar/platform';
import { ProjectAccessRefusal, type AccessRefusalKind } from './domain/access-refusal';
import { accessRefusalStatus, UNAVAILABLE_DEPENDENCY_METADATA_KEY } from './project-access.grpc-filter';

describe('accessRefusalStatus', () => {
  it.each<[AccessRefusalKind, GrpcStatus, string]>([
    ['unauthenticated', GrpcStatus.UNAUTHENTICATED, 'UNAUTHENTICATED'],
    ['not-found', GrpcStatus.NOT_FOUND, 'PROJECT_NOT_FOUND'],
    ['forbidden', GrpcStatus.PERMISSION_DENIED, 'PROJECT_ACCESS_DENIED'],
    ['archived', GrpcStatus.FAILED_PRECONDITION, 'PROJECT_ARCHIVED'],
    ['unavailable', GrpcStatus.UNAVAILABLE, 'PROJECTS_UNAVAILABLE'],
  ])('given a %s refusal, answers %s with the stable code', (kind, code, stableCode) => {
    const status = accessRefusalStatus(new ProjectAccessRefusal(kind, 'project-1'), undefined);
    expect(status.code).toBe(code);
    expect(status.metadata?.get(ERROR_CODE_METADATA_KEY)).toEqual([stableCode]);
  });

  it('given projects did not answer, names projects as the dependency that is down, in the caller’s language', () => {
    const refusal = new ProjectAccessRefusal('unavailable', 'project-1');
    const english = accessRefusalStatus(refusal, 'en-US');
    expect(english.details).toBe('projects is unavailable');
    expect(english.metadata?.get(UNAVAILABLE_DEPENDENCY_METADATA_KEY)).toEqual(['projects']);
    expect(accessRefusalStatus(refusal, undefined).details).toBe('Сервис projects недоступен');
  });

  it('given a refusal other than an outage, names no dependency', () => {
    expect(accessRefusalStatus(new ProjectAccessRefusal('not-found', 'p'), 'en').metadata?.get(UNAVAILABLE_DEPENDENCY_METADATA_KEY)).toEqual([]);
  });
});
