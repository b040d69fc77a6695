import { startService, TestClock, type RunningService } from '@zvonar/platform';
import { createTestDatabase } from '@zvonar/testing';
import { Pool } from 'pg';
import { createIdentityService } from '../src/identity.service';
import { identityClient, type IdentityClient } from './identity.test-client';

/** Test settings: cheap argon2 (never in production) and small lockout limits. */
export const identityTestEnv = {
  ARGON2_MEMORY_KIB: '256',
  ARGON2_ITERATIONS: '1',
  ACCESS_TOKEN_SECRET: 'identity-int-spec-secret-0123456789abcdef',
  LOGIN_MAX_FAILURES_PER_EMAIL: '3',
  LOGIN_MAX_FAILURES_PER_IP: '5',
  PUBLIC_URL: 'https://cabinet.example.test',
};

/** The identity service on loopback ports, in this process, on a TestClock, with a real gRPC client. */
export async function startIdentity(env: Record<string, string>): Promise<{ service: RunningService; client: IdentityClient; clock: TestClock; stop(): Promise<void> }> {
  const clock = new TestClock('2026-03-02T09:00:00.000Z');
  const service = await startService(createIdentityService({ clock }), {
    HTTP_HOST: '127.0.0.1',
    HTTP_PORT: '0',
    GRPC_HOST: '127.0.0.1',
    GRPC_PORT: '0',
    LOG_LEVEL: 'warn',
    ...identityTestEnv,
    ...env,
  });
  const client = identityClient(service.grpcUrl);
  return {
    service,
    client,
    clock,
    stop: async () => {
      client.close();
      await service.shutdown();
    },
  };
}

/**
 * startIdentity on a fresh database named after the spec, with a pool of the spec's own to read
 * back what the service committed; stop() closes all three.
 */
export async function startIdentityOnFreshDatabase(serverUrl: string, name: string): Promise<Awaited<ReturnType<typeof startIdentity>> & { pool: Pool }> {
  const database = await createTestDatabase(serverUrl, name);
  const started = await startIdentity({ DATABASE_URL: database.url }).catch(async (error: unknown) => {
    await database.drop();
    throw error;
  });
  const pool = new Pool({ connectionString: database.url, max: 2 });
  return {
    ...started,
    pool,
    stop: async () => {
      await pool.end();
      await started.stop();
      await database.drop();
    },
  };
}
