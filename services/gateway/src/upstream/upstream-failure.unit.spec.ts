import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { commonV1 } from '@zvonar/proto-ts';
import { ERROR_CODE_METADATA_KEY, ERROR_ID_METADATA_KEY, FIELD_VIOLATIONS_METADATA_KEY } from '@zvonar/platform';
import { UNAVAILABLE_DEPENDENCY_METADATA_KEY } from '@zvonar/project-access';
import { problemOfUpstream, UpstreamFailure } from './upstream-failure';

const failure = (code: status, details = 'Сообщение сервиса', metadata = new Metadata()): UpstreamFailure =>
  new UpstreamFailure('campaigns', Object.assign(new Error(details), { code, details, metadata }) as ServiceError);

describe('problemOfUpstream', () => {
  it.each([
    [status.INVALID_ARGUMENT, 422],
    [status.OUT_OF_RANGE, 422],
    [status.NOT_FOUND, 404],
    [status.PERMISSION_DENIED, 403],
    [status.UNAUTHENTICATED, 401],
    [status.FAILED_PRECONDITION, 409],
    [status.ALREADY_EXISTS, 409],
    [status.ABORTED, 409],
    [status.RESOURCE_EXHAUSTED, 429],
    [status.UNIMPLEMENTED, 501],
  ])('passes gRPC status %s on as HTTP %s with the service message as the detail', (code, httpStatus) => {
    expect(problemOfUpstream(failure(code), 'ru')).toMatchObject({ status: httpStatus, detail: 'Сообщение сервиса', dependencyFault: false });
  });

  it.each([status.UNAVAILABLE, status.DEADLINE_EXCEEDED, status.CANCELLED])('answers gRPC status %s with 503 naming the dependency', (code) => {
    expect(problemOfUpstream(failure(code, 'connect ECONNREFUSED 10.0.0.7:50051'), 'en')).toEqual({
      status: 503,
      code: 'DEPENDENCY_UNAVAILABLE',
      detail: 'campaigns is unavailable',
      errors: [],
      retryAfterSeconds: '5',
      dependencyFault: true,
      dependency: 'campaigns',
    });
    expect(problemOfUpstream(failure(code), 'ru').detail).toBe('Сервис campaigns недоступен');
  });

  it('names the dependency the called service could not reach, when it says which', () => {
    const metadata = new Metadata();
    metadata.set(UNAVAILABLE_DEPENDENCY_METADATA_KEY, 'projects');
    expect(problemOfUpstream(failure(status.UNAVAILABLE, 'Сервис projects недоступен', metadata), 'en')).toMatchObject({
      status: 503,
      detail: 'projects is unavailable',
      dependency: 'projects',
    });
  });

  it('hides an internal error behind 502 with the error id, never the message', () => {
    const metadata = new Metadata();
    metadata.set(ERROR_ID_METADATA_KEY, 'err-42');
    const problem = problemOfUpstream(failure(status.INTERNAL, 'relation "campaigns" does not exist', metadata), 'en');
    expect(problem).toMatchObject({ status: 502, detail: 'campaigns failed (error id err-42)', dependencyFault: true });
  });

  it('carries the field violations, the stable code and retry-after of the service', () => {
    const metadata = new Metadata();
    metadata.set(ERROR_CODE_METADATA_KEY, 'TOO_MANY_ATTEMPTS');
    metadata.set('retry-after', '900');
    metadata.set(
      FIELD_VIOLATIONS_METADATA_KEY,
      Buffer.from(commonV1.FieldViolations.encode({ violations: [{ field: 'settings.pace', code: 'REQUIRED', message: 'Укажите темп' }] }).finish()),
    );
    expect(problemOfUpstream(failure(status.RESOURCE_EXHAUSTED, 'Слишком много попыток', metadata), 'ru')).toEqual({
      status: 429,
      code: 'TOO_MANY_ATTEMPTS',
      detail: 'Слишком много попыток',
      errors: [{ field: 'settings.pace', code: 'REQUIRED', message: 'Укажите темп' }],
      retryAfterSeconds: '900',
      dependencyFault: false,
    });
  });
});
