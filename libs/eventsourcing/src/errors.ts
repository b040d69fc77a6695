/**
 * Domain errors. They carry no transport types; the platform maps them at the edge
 * (ConcurrencyError -> gRPC ABORTED / HTTP 409, IllegalStateError -> FAILED_PRECONDITION / 409,
 * NotFoundError -> NOT_FOUND / 404, ValidationError -> INVALID_ARGUMENT / 422).
 */
export class DomainError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The stream is not at the revision the writer expected. */
export class ConcurrencyError extends DomainError {
  constructor(
    readonly streamId: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`Stream ${streamId} is at revision ${actual}, expected ${expected}`, 'WRONG_EXPECTED_REVISION');
  }
}

/** The command is not allowed in the aggregate's current state. */
export class IllegalStateError extends DomainError {
  constructor(
    message: string,
    readonly state?: string,
  ) {
    super(message, 'ILLEGAL_STATE');
  }
}

export class NotFoundError extends DomainError {
  constructor(message: string) {
    super(message, 'NOT_FOUND');
  }
}

export type FieldViolation = { field: string; code: string; message: string };

/** Input that breaks a rule; `violations` name each offending field. */
export class ValidationError extends DomainError {
  constructor(
    message: string,
    readonly violations: readonly FieldViolation[] = [],
  ) {
    super(message, 'VALIDATION_FAILED');
  }
}
