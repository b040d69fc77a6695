/** Why identity refused a request; mapped to a transport status and a localised message at the edge. */
export type RefusalKind = 'invalid' | 'unauthenticated' | 'throttled' | 'precondition' | 'not-found' | 'forbidden';

/** One offending field and the rule it breaks; the message is chosen by code and locale at the edge. */
export type Violation = { readonly field: string; readonly code: string };

/**
 * A refusal by identity's rules. It carries codes only, never a sentence: the same refusal is
 * worded in Russian or English for the caller, and a wording never depends on whether an email
 * exists.
 */
export class IdentityRefusal extends Error {
  constructor(
    readonly kind: RefusalKind,
    readonly code: string,
    readonly violations: readonly Violation[] = [],
    /** For `throttled`: seconds until another attempt may succeed. */
    readonly retryAfterSeconds?: number,
  ) {
    super(code);
    this.name = 'IdentityRefusal';
  }
}

/** Throws INVALID_ARGUMENT when any check found a violation. */
export function assertValid(violations: readonly Violation[]): void {
  if (violations.length > 0) throw new IdentityRefusal('invalid', 'VALIDATION_FAILED', violations);
}

/** The one refusal for every credential problem, so none of them can be told apart. */
export const invalidCredentials = (): IdentityRefusal => new IdentityRefusal('unauthenticated', 'INVALID_CREDENTIALS');
