/** UsersStore port (identity/application/users.port.ts). */
export const USERS_STORE = Symbol('USERS_STORE');
/** CredentialsStore port: passwords and reset links. */
export const CREDENTIALS_STORE = Symbol('CREDENTIALS_STORE');
/** SessionsStore port: refresh-token families. */
export const SESSIONS_STORE = Symbol('SESSIONS_STORE');
/** ThrottleStore port: failed sign-in counters. */
export const THROTTLE_STORE = Symbol('THROTTLE_STORE');
/** ApiKeysStore port. */
export const API_KEYS_STORE = Symbol('API_KEYS_STORE');
/** Mailer port. */
export const MAILER = Symbol('MAILER');
/** SmsSender port. */
export const SMS_SENDER = Symbol('SMS_SENDER');
/** LocalOutbox reader. */
export const LOCAL_OUTBOX = Symbol('LOCAL_OUTBOX');
/** PasswordHasher port (argon2id). */
export const PASSWORD_HASHER = Symbol('PASSWORD_HASHER');
/** AccessTokens port (HS256 JWT). */
export const ACCESS_TOKENS = Symbol('ACCESS_TOKENS');
/** Secrets port. */
export const SECRETS = Symbol('SECRETS');
/** IdentitySettings: lifetimes and lockout policies, from the configuration. */
export const IDENTITY_SETTINGS = Symbol('IDENTITY_SETTINGS');
/** The clock identity reads: the platform's CLOCK, or a TestClock given by a spec. */
export const IDENTITY_CLOCK = Symbol('IDENTITY_CLOCK');
