import { ConfigError, envList, envMilliseconds, envPositiveInt, envUrl } from '@zvonar/platform';
import { z } from 'zod';

const minutes = (count: number): number => count * 60_000;

/**
 * The identity service's own variables (the platform's are merged over them at boot). The argon2
 * defaults are OWASP's argon2id minimum (19 MiB, 2 passes, 1 lane); tests lower them, production
 * must not.
 */
export const identityConfigSchema = z.object({
  DATABASE_URL: envUrl('postgres', 'postgresql'),
  /** embedded: all-in-one on a developer's machine (local outbox readable over gRPC); distributed: Kubernetes. */
  DEPLOYMENT: z.enum(['embedded', 'distributed']).default('embedded'),
  /** Where UserRegistered goes: the bus log in this service's schema (embedded) or Kafka (KAFKA_BROKERS). */
  BUS: z.enum(['embedded', 'kafka']).default('embedded'),
  KAFKA_BROKERS: envList().optional(),
  /** Consumer groups are `<prefix>-<consumer>`: a deployment or a test run gets its own offsets. */
  CONSUMER_GROUP_PREFIX: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{0,100}$/, 'must be lower-case letters, digits, dots and dashes')
    .default('identity'),
  /** HS256 key of access tokens, at least 32 characters; required when distributed (checked by accessTokenSecret). */
  ACCESS_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  ACCESS_TOKEN_TTL_MS: envMilliseconds().default(minutes(15)),
  REFRESH_TOKEN_TTL_MS: envMilliseconds().default(minutes(60 * 24 * 30)),
  CONFIRMATION_CODE_TTL_MS: envMilliseconds().default(minutes(15)),
  PASSWORD_RESET_TTL_MS: envMilliseconds().default(minutes(60)),
  LOGIN_MAX_FAILURES_PER_EMAIL: envPositiveInt().default(5),
  LOGIN_MAX_FAILURES_PER_IP: envPositiveInt().default(20),
  LOGIN_FAILURE_WINDOW_MS: envMilliseconds().default(minutes(15)),
  LOGIN_LOCK_MS: envMilliseconds().default(minutes(15)),
  ARGON2_MEMORY_KIB: envPositiveInt().default(19_456),
  ARGON2_ITERATIONS: envPositiveInt().default(2),
  /**
   * Where the console answers: password-reset links point at `${PUBLIC_URL}/reset-password`,
   * project invitations at `${PUBLIC_URL}/invitations/accept`.
   */
  PUBLIC_URL: envUrl('http', 'https').default('http://127.0.0.1:3000'),
});

export type IdentityConfig = z.output<typeof identityConfigSchema>;

/**
 * The access-token key. A distributed deployment must give one (every replica signs and verifies
 * with it); the embedded mode makes one per process, so tokens simply stop working after a restart.
 */
export function accessTokenSecret(config: IdentityConfig, random: () => string): string {
  if (config.ACCESS_TOKEN_SECRET) return config.ACCESS_TOKEN_SECRET;
  if (config.DEPLOYMENT === 'distributed')
    throw new ConfigError('identity', [{ variable: 'ACCESS_TOKEN_SECRET', problem: 'is required when DEPLOYMENT=distributed' }]);
  return random();
}
