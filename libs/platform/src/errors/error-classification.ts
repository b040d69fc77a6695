import {
  ConcurrencyError,
  DomainError,
  IllegalStateError,
  NotFoundError,
  ValidationError,
  type FieldViolation,
} from '@zvonar/eventsourcing';
import { ServiceDrainingError } from '../lifecycle/service-draining.error';

/** What went wrong, independent of the transport that reports it. */
export type ErrorKind = 'conflict' | 'invalid' | 'precondition' | 'not-found' | 'unavailable' | 'internal';

export interface ClassifiedError {
  readonly kind: ErrorKind;
  /** Stable code for clients ("WRONG_EXPECTED_REVISION"); INTERNAL for unexpected errors. */
  readonly code: string;
  /** Safe to show: the domain's message, never a stack or a driver message. */
  readonly detail: string;
  readonly violations: readonly FieldViolation[];
}

/**
 * The one place that decides how an error is reported; the HTTP and gRPC filters only
 * translate the kind. Anything that is not a domain error is internal and its message is
 * withheld: driver messages leak table names and SQL.
 */
export function classifyError(error: unknown): ClassifiedError {
  if (error instanceof ValidationError)
    return { kind: 'invalid', code: error.code, detail: error.message, violations: error.violations };
  const known = error instanceof DomainError ? kindOfDomainError(error) : undefined;
  if (known && error instanceof DomainError)
    return { kind: known, code: error.code, detail: error.message, violations: [] };
  if (error instanceof ServiceDrainingError)
    return { kind: 'unavailable', code: 'SHUTTING_DOWN', detail: error.message, violations: [] };
  return { kind: 'internal', code: 'INTERNAL', detail: 'An unexpected error occurred', violations: [] };
}

function kindOfDomainError(error: DomainError): ErrorKind | undefined {
  if (error instanceof ConcurrencyError) return 'conflict';
  if (error instanceof IllegalStateError) return 'precondition';
  if (error instanceof NotFoundError) return 'not-found';
  // A DomainError subclass we do not know yet is still a refusal by the domain, not a crash.
  return 'precondition';
}
