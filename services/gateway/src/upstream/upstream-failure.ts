import { status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { ERROR_CODE_METADATA_KEY, ERROR_ID_METADATA_KEY, fieldViolationsOf } from '@zvonar/platform';
import type { Language } from '@zvonar/platform';
import { UNAVAILABLE_DEPENDENCY_METADATA_KEY } from '@zvonar/project-access';
import type { FieldError } from '../http/problem';

/** A failed gRPC call, tagged with the service that failed it so the answer can name it. */
export class UpstreamFailure extends Error {
  constructor(
    readonly service: string,
    readonly grpcError: ServiceError,
  ) {
    super(`${service}: ${grpcError.message}`);
    this.name = 'UpstreamFailure';
  }
}

/** What the client is told about a failed upstream call. */
export interface UpstreamProblem {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly errors: readonly FieldError[];
  readonly retryAfterSeconds?: string;
  /** True when the failure is the dependency's (down, slow, broken), not the request's. */
  readonly dependencyFault: boolean;
  /** The service at fault: the one called, or the one it depends on when it says so. */
  readonly dependency?: string;
}

// Statuses that say something about the request are passed on; the rest say the dependency is
// down or broken, which the client can only wait out.
const clientStatuses: Partial<Record<GrpcStatus, number>> = {
  [GrpcStatus.INVALID_ARGUMENT]: 422,
  [GrpcStatus.OUT_OF_RANGE]: 422,
  [GrpcStatus.NOT_FOUND]: 404,
  [GrpcStatus.PERMISSION_DENIED]: 403,
  [GrpcStatus.UNAUTHENTICATED]: 401,
  [GrpcStatus.FAILED_PRECONDITION]: 409,
  [GrpcStatus.ALREADY_EXISTS]: 409,
  [GrpcStatus.ABORTED]: 409,
  [GrpcStatus.RESOURCE_EXHAUSTED]: 429,
  [GrpcStatus.UNIMPLEMENTED]: 501,
};

// A restarting pod or a failed-over database is usually back within seconds.
const DEPENDENCY_RETRY_AFTER_SECONDS = '5';

const unavailableStatuses = new Set<GrpcStatus>([GrpcStatus.UNAVAILABLE, GrpcStatus.DEADLINE_EXCEEDED, GrpcStatus.CANCELLED]);

const text = (error: ServiceError, key: string): string | undefined => {
  const [value] = error.metadata?.get(key) ?? [];
  return typeof value === 'string' ? value : undefined;
};

/**
 * gRPC status → HTTP problem. The services' messages are already in the caller's language (the
 * gateway forwards accept-language), so they are passed on as the detail. An unavailable or slow
 * dependency is 503 naming it; an internal error of a service is 502 with its error id, never its
 * message (which may hold driver text).
 */
export function problemOfUpstream({ service, grpcError: cause }: UpstreamFailure, language: Language): UpstreamProblem {
  const code = text(cause, ERROR_CODE_METADATA_KEY);
  const status = clientStatuses[cause.code];
  if (status !== undefined)
    return {
      status,
      code: code ?? GrpcStatus[cause.code],
      detail: cause.details,
      errors: fieldViolationsOf(cause.metadata).map(({ field, code: rule, message }) => ({ field, code: rule, message })),
      retryAfterSeconds: text(cause, 'retry-after'),
      dependencyFault: false,
    };
  if (unavailableStatuses.has(cause.code)) {
    // A service that is up but cannot reach its own dependency (scenarios asking projects on a
    // read-model miss) names that one: the operator should look there, not at the messenger.
    const dependency = text(cause, UNAVAILABLE_DEPENDENCY_METADATA_KEY) ?? service;
    return { status: 503, code: 'DEPENDENCY_UNAVAILABLE', detail: unavailable(dependency, language), errors: [], retryAfterSeconds: DEPENDENCY_RETRY_AFTER_SECONDS, dependencyFault: true, dependency };
  }
  const errorId = text(cause, ERROR_ID_METADATA_KEY);
  return {
    status: 502,
    code: 'DEPENDENCY_FAILED',
    detail: `${language === 'en' ? `${service} failed` : `Ошибка сервиса ${service}`}${errorId ? ` (error id ${errorId})` : ''}`,
    errors: [],
    dependencyFault: true,
  };
}

/** The detail of a 503: which dependency is down, so an operator knows where to look. */
export const unavailable = (service: string, language: Language): string =>
  language === 'en' ? `${service} is unavailable` : `Сервис ${service} недоступен`;
