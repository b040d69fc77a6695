import { Catch, type ArgumentsHost, type RpcExceptionFilter } from '@nestjs/common';
import { Metadata, status as GrpcStatus, type StatusObject } from '@grpc/grpc-js';
import { RpcException } from '@nestjs/microservices';
import { commonV1 } from '@zvonar/proto-ts';
import type { Logger } from 'pino';
import { throwError, type Observable } from 'rxjs';
import { classifyError, type ErrorKind } from '../errors/error-classification';
import { newErrorId } from '../errors/error-id';

/** Trailing metadata key carrying `zvonar.common.v1.FieldViolations` (binary: the -bin suffix). */
export const FIELD_VIOLATIONS_METADATA_KEY = 'zvonar-field-violations-bin';
/** Trailing metadata key with the stable error code ("WRONG_EXPECTED_REVISION"). */
export const ERROR_CODE_METADATA_KEY = 'zvonar-error-code';
/** Trailing metadata key linking an INTERNAL status to the server's log line. */
export const ERROR_ID_METADATA_KEY = 'zvonar-error-id';

const statusOf: Record<ErrorKind, GrpcStatus> = {
  conflict: GrpcStatus.ABORTED,
  invalid: GrpcStatus.INVALID_ARGUMENT,
  precondition: GrpcStatus.FAILED_PRECONDITION,
  'not-found': GrpcStatus.NOT_FOUND,
  unavailable: GrpcStatus.UNAVAILABLE,
  internal: GrpcStatus.INTERNAL,
};

/**
 * Domain errors become gRPC statuses at the edge, so handlers throw domain errors and never
 * RpcException. ABORTED for a conflict tells the client to re-read and retry (gRPC's own
 * guidance); an unexpected error is INTERNAL with an id, and its stack stays in the log.
 */
@Catch()
export class GrpcExceptionFilter implements RpcExceptionFilter<unknown> {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    // An RpcException carrying a status object was built deliberately by an adapter: keep it.
    if (exception instanceof RpcException) {
      const error = exception.getError();
      if (typeof error === 'object' && error !== null && 'code' in error) return throwError(() => error);
    }
    const classified = classifyError(exception);
    const metadata = new Metadata();
    metadata.set(ERROR_CODE_METADATA_KEY, classified.code);
    let details = classified.detail;
    if (classified.violations.length > 0) {
      const encoded = commonV1.FieldViolations.encode({ violations: [...classified.violations] }).finish();
      metadata.set(FIELD_VIOLATIONS_METADATA_KEY, Buffer.from(encoded));
    }
    if (classified.kind === 'internal') {
      const errorId = newErrorId();
      metadata.set(ERROR_ID_METADATA_KEY, errorId);
      details = `${classified.detail} (error id ${errorId})`;
      this.logger.error({ err: exception, errorId }, 'unhandled error in a gRPC handler');
    }
    const status: Partial<StatusObject> = { code: statusOf[classified.kind], details, metadata };
    return throwError(() => status);
  }
}

/** Reads the field violations a Zvonar server put in a status's trailing metadata. */
export function fieldViolationsOf(metadata: Metadata | undefined): commonV1.FieldViolation[] {
  const [value] = metadata?.get(FIELD_VIOLATIONS_METADATA_KEY) ?? [];
  if (!value || typeof value === 'string') return [];
  return commonV1.FieldViolations.decode(value).violations;
}
