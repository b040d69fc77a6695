/** One invalid input field, as the services report it (`zvonar.common.v1.FieldViolation`). */
export interface FieldError {
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

/** RFC 9457 body every error of the REST API has; `code` and `errors` are our extension members. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  errors?: FieldError[];
  /** The service behind the gateway that is down or failed (503/502). */
  dependency?: string;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/**
 * An answer the gateway decides itself (no credential, rate limit, bad idempotency key, invalid
 * body). The filter renders it as problem+json; `headers` carries e.g. Retry-After.
 */
export class GatewayProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly errors: readonly FieldError[] = [],
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(detail);
    this.name = 'GatewayProblem';
  }
}
