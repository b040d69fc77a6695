import { ServiceProcess } from '../service-process';

/**
 * The all-in-one process (`services/all-in-one/src/main.ts`, what `npm start` runs) on a database
 * of the test's, with the simulated telephony sped up. Only its host port is used: the public REST
 * API answers there at /api/v1, forwarded to the hosted gateway.
 */
export function startAllInOne(databaseUrl: string, timeScale: number, extraEnv: Record<string, string> = {}): Promise<ServiceProcess> {
  return ServiceProcess.start('all-in-one', {
    DATABASE_URL: databaseUrl,
    BUS: 'embedded',
    // Any free port for partners' gRPC API: specs start several platforms at once.
    PUBLIC_GRPC_PORT: '0',
    LOG_LEVEL: 'warn',
    SIMULATION_TIME_SCALE: String(timeScale),
    SIMULATION_CLOCK: 'wall',
    // A launched campaign starts at the next poll; the default 5 s is for production.
    CAMPAIGN_START_POLL_MS: '500',
    // Cheap password hashing and a fixed token key, as identity's own specs use (never in production).
    ARGON2_MEMORY_KIB: '256',
    ARGON2_ITERATIONS: '1',
    ACCESS_TOKEN_SECRET: 'first-campaign-e2e-secret-0123456789abcdef',
    // The spec polls the report and pages through hundreds of calls.
    RATE_LIMIT_PER_IP_PER_MINUTE: '20000',
    RATE_LIMIT_PER_ACCOUNT_PER_MINUTE: '20000',
    ...extraEnv,
  });
}
