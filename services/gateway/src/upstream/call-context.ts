/** The authenticated caller, as identity's Authenticate answered for the request's credential. */
export interface Caller {
  readonly accountId: string;
  readonly userId: string;
  /** Lower-case role names without the proto prefix: `user`, `admin`. */
  readonly roles: readonly string[];
  readonly scopes: readonly string[];
  /** Lower case; empty when identity did not tell it (API keys, see README). */
  readonly email: string;
  readonly credential: 'access-token' | 'api-key';
}

/** What every upstream call made for one REST request carries along. */
export interface CallContext {
  readonly caller?: Caller;
  /** The raw access token, passed on as `authorization` for identity's own signed-in calls. */
  readonly accessToken?: string;
  readonly acceptLanguage?: string;
  readonly traceparent?: string;
  readonly tracestate?: string;
  readonly clientIp: string;
}
