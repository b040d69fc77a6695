import { Metadata, status as GrpcStatus, type ServiceError, type StatusObject } from '@grpc/grpc-js';
import { ERROR_CODE_METADATA_KEY, ERROR_ID_METADATA_KEY, FIELD_VIOLATIONS_METADATA_KEY, type Language } from '@zvonar/platform';
import { commonV1 } from '@zvonar/proto-ts';
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { EdgeRefused, type EdgeRefusal } from '../auth/edge-admission';
import { gatewayMessages, say } from '../http/gateway-messages';
import { problemOfUpstream, UpstreamFailure } from '../upstream/upstream-failure';
import { retryInfoStatusDetails, STATUS_DETAILS_METADATA_KEY } from './retry-info';

export type GrpcStatusObject = Pick<StatusObject, 'code' | 'details' | 'metadata'>;

/** A status the gateway answers itself, with its stable code (`zvonar-error-code`) like the services' own. */
export class GatewayGrpcStatus extends Error {
  readonly metadata = new Metadata();

  constructor(
    readonly code: GrpcStatus,
    readonly details: string,
    errorCode: string,
    violations: readonly commonV1.FieldViolation[] = [],
  ) {
    super(details);
    this.name = 'GatewayGrpcStatus';
    this.metadata.set(ERROR_CODE_METADATA_KEY, errorCode);
    if (violations.length > 0)
      this.metadata.set(FIELD_VIOLATIONS_METADATA_KEY, Buffer.from(commonV1.FieldViolations.encode({ violations: [...violations] }).finish()));
  }
}

/** An upstream's status as a ServiceError, so REST and gRPC judge failures with one function. */
export const serviceErrorOf = ({ code, details, metadata }: GrpcStatusObject): ServiceError =>
  Object.assign(new Error(`${code} ${GrpcStatus[code]}: ${details}`), { code, details, metadata });

/**
 * What the partner is told when a call fails. A service's answer about the request (field
 * violations, NOT_FOUND, its own RESOURCE_EXHAUSTED...) passes unchanged, trailers included. A
 * dependency's fault keeps its code but is worded as REST words it: "<service> is unavailable", or
 * "<service> failed (error id …)" instead of a message that may hold driver text.
 */
export function grpcStatusOf(error: unknown, language: Language, logger: Logger): GrpcStatusObject {
  if (error instanceof GatewayGrpcStatus) return { code: error.code, details: error.details, metadata: error.metadata };
  if (error instanceof EdgeRefused) return refusalStatus(error.refusal, language);
  if (error instanceof UpstreamFailure) {
    const { code, details, metadata } = error.grpcError;
    const problem = problemOfUpstream(error, language);
    return { code, details: problem.dependencyFault ? problem.detail : details, metadata: metadata ?? new Metadata() };
  }
  const errorId = randomBytes(8).toString('hex');
  logger.error({ err: error, errorId }, 'public gRPC call failed in the gateway');
  const metadata = new Metadata();
  metadata.set(ERROR_ID_METADATA_KEY, errorId);
  return { code: GrpcStatus.INTERNAL, details: `${language === 'en' ? 'gateway failed' : 'Ошибка шлюза'} (error id ${errorId})`, metadata };
}

function refusalStatus(refusal: EdgeRefusal, language: Language): GrpcStatusObject {
  switch (refusal.kind) {
    case 'rate-limited': {
      const status = new GatewayGrpcStatus(GrpcStatus.RESOURCE_EXHAUSTED, say(gatewayMessages.tooManyRequests, language), 'RATE_LIMITED');
      // The key the services use for the same advice (seconds), and gRPC's standard RetryInfo.
      status.metadata.set('retry-after', String(refusal.retryAfterSeconds));
      status.metadata.set(STATUS_DETAILS_METADATA_KEY, retryInfoStatusDetails(status.code, status.details, refusal.retryAfterSeconds));
      return status;
    }
    case 'credential-required':
      return new GatewayGrpcStatus(GrpcStatus.UNAUTHENTICATED, say(gatewayMessages.credentialRequired, language), 'CREDENTIAL_REQUIRED');
    case 'scope-missing':
      return new GatewayGrpcStatus(GrpcStatus.PERMISSION_DENIED, `${say(gatewayMessages.scopeMissing, language)}: ${refusal.scope}`, 'SCOPE_MISSING');
  }
}
