import { Metadata, status as GrpcStatus, type StatusObject } from '@grpc/grpc-js';
import { Catch, type ArgumentsHost, type RpcExceptionFilter } from '@nestjs/common';
import { ERROR_CODE_METADATA_KEY } from '@zvonar/platform';
import { throwError, type Observable } from 'rxjs';
import { accessRefusalWording, localeFrom } from './access.messages';
import { ProjectAccessRefusal, type AccessRefusalKind } from './domain/access-refusal';

const statusOf: Record<AccessRefusalKind, GrpcStatus> = {
  unauthenticated: GrpcStatus.UNAUTHENTICATED,
  'not-found': GrpcStatus.NOT_FOUND,
  forbidden: GrpcStatus.PERMISSION_DENIED,
  archived: GrpcStatus.FAILED_PRECONDITION,
  unavailable: GrpcStatus.UNAVAILABLE,
};

/** Trailing metadata naming the dependency that is down, when the answer is UNAVAILABLE because of it. */
export const UNAVAILABLE_DEPENDENCY_METADATA_KEY = 'zvonar-unavailable-dependency';

/** The status a refusal answers with, worded for the caller's accept-language. */
export function accessRefusalStatus(refusal: ProjectAccessRefusal, acceptLanguage: string | undefined): Partial<StatusObject> {
  const metadata = new Metadata();
  metadata.set(ERROR_CODE_METADATA_KEY, refusal.code);
  if (refusal.kind === 'unavailable') metadata.set(UNAVAILABLE_DEPENDENCY_METADATA_KEY, 'projects');
  return { code: statusOf[refusal.kind], details: accessRefusalWording(refusal.kind, localeFrom(acceptLanguage)), metadata };
}

/**
 * Turns access refusals into UNAUTHENTICATED / NOT_FOUND / PERMISSION_DENIED / FAILED_PRECONDITION /
 * UNAVAILABLE (the platform's filter has no kind for the first and third; the last names projects in
 * its metadata so the gateway can say which dependency is down). Put it on a gRPC controller:
 * `@UseFilters(ProjectAccessGrpcFilter)`.
 */
@Catch(ProjectAccessRefusal)
export class ProjectAccessGrpcFilter implements RpcExceptionFilter<ProjectAccessRefusal> {
  catch(refusal: ProjectAccessRefusal, host: ArgumentsHost): Observable<never> {
    const context: unknown = host.switchToRpc().getContext();
    const [language] = context instanceof Metadata ? context.get('accept-language') : [];
    return throwError(() => accessRefusalStatus(refusal, typeof language === 'string' ? language : undefined));
  }
}
