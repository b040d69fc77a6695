import { Metadata, status as GrpcStatus, type StatusObject } from '@grpc/grpc-js';
import { Catch, Inject, type ArgumentsHost, type RpcExceptionFilter } from '@nestjs/common';
import { DomainError, NotFoundError, ValidationError } from '@zvonar/eventsourcing';
import { ERROR_CODE_METADATA_KEY, GrpcExceptionFilter, LOGGER } from '@zvonar/platform';
import type { Logger } from 'pino';
import { throwError, type Observable } from 'rxjs';
import { IdentityRefusal } from '../domain/identity.errors';
import { localeFrom, type Locale } from '../application/locale';
import { wordingOf } from './identity.messages';

const localeOf = (metadata: unknown): Locale => {
  const [value] = metadata instanceof Metadata ? metadata.get('accept-language') : [];
  return localeFrom(typeof value === 'string' ? value : undefined);
};

const ownStatus: Partial<Record<IdentityRefusal['kind'], GrpcStatus>> = {
  unauthenticated: GrpcStatus.UNAUTHENTICATED,
  throttled: GrpcStatus.RESOURCE_EXHAUSTED,
  forbidden: GrpcStatus.PERMISSION_DENIED,
};

/**
 * Words identity's refusals in the caller's language. Invalid input, preconditions and missing
 * resources go on to the platform's mapping as its domain errors (field violations, stable code);
 * the statuses the platform has no kind for — UNAUTHENTICATED, RESOURCE_EXHAUSTED with
 * retry-after, PERMISSION_DENIED — are built here.
 */
@Catch(IdentityRefusal)
export class IdentityRefusalGrpcFilter implements RpcExceptionFilter<IdentityRefusal> {
  private readonly platform: GrpcExceptionFilter;

  constructor(@Inject(LOGGER) logger: Logger) {
    this.platform = new GrpcExceptionFilter(logger);
  }

  catch(refusal: IdentityRefusal, host: ArgumentsHost): Observable<never> {
    const locale = localeOf(host.switchToRpc().getContext());
    const message = wordingOf(refusal.code, locale);
    const code = ownStatus[refusal.kind];
    if (code !== undefined) {
      const metadata = new Metadata();
      metadata.set(ERROR_CODE_METADATA_KEY, refusal.code);
      if (refusal.retryAfterSeconds !== undefined) metadata.set('retry-after', String(refusal.retryAfterSeconds));
      const status: Partial<StatusObject> = { code, details: message, metadata };
      return throwError(() => status);
    }
    return this.platform.catch(this.asPlatformError(refusal, message, locale), host);
  }

  private asPlatformError(refusal: IdentityRefusal, message: string, locale: Locale): Error {
    if (refusal.kind === 'invalid')
      return new ValidationError(
        message,
        refusal.violations.map((violation) => ({ ...violation, message: wordingOf(violation.code, locale) })),
      );
    if (refusal.kind === 'not-found') return new NotFoundError(message);
    // An unknown DomainError is a precondition for the platform, and it keeps our code.
    return new DomainError(message, refusal.code);
  }
}
