/** An ARI request that Asterisk answered with an error status. */
export class AriHttpError extends Error {
  constructor(
    readonly status: number,
    /** Asterisk's `message` (or `error` for the 500 of an unknown technology). */
    readonly ariMessage: string,
    readonly method: string,
    readonly path: string,
  ) {
    super(`ARI ${method} ${path} → ${status} ${ariMessage}`);
    this.name = new.target.name;
  }
}

export class AriBadRequestError extends AriHttpError {}
export class AriUnauthorizedError extends AriHttpError {}
/** 404: the channel, bridge, playback or recording does not exist (any more). */
export class AriNotFoundError extends AriHttpError {}
/** 409: a duplicate id, or a channel not in Stasis / not in the right state. */
export class AriConflictError extends AriHttpError {}
/** 422: e.g. an unknown recording format, a channel not in Stasis for a bridge. */
export class AriUnprocessableError extends AriHttpError {}
export class AriServerError extends AriHttpError {}
/** No answer at all: network failure or request timeout. */
export class AriUnavailableError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    override readonly cause: unknown,
  ) {
    super(`ARI ${method} ${path} unreachable: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'AriUnavailableError';
  }
}

const BY_STATUS: Readonly<Record<number, typeof AriHttpError>> = {
  400: AriBadRequestError,
  401: AriUnauthorizedError,
  404: AriNotFoundError,
  409: AriConflictError,
  422: AriUnprocessableError,
};

export function ariHttpError(status: number, body: unknown, method: string, path: string): AriHttpError {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const text = typeof record['message'] === 'string' ? record['message'] : typeof record['error'] === 'string' ? record['error'] : '';
  const ErrorClass = BY_STATUS[status] ?? (status >= 500 ? AriServerError : AriHttpError);
  return new ErrorClass(status, text, method, path);
}
