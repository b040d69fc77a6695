import { createTestDatabase } from '@zvonar/testing';
import { Pool, type PoolConfig } from 'pg';

/** Creating and dropping databases on a shared, busy server can take longer than jest's 5 s. */
export const HOOK_TIMEOUT_MS = 30_000;

/**
 * A fresh database and a pool on it for one spec file: created in beforeAll, dropped in
 * afterAll (after `cleanup`, which closes what the spec built on the pool).
 */
export function useTestPool(serverUrl: string, config: Omit<PoolConfig, 'connectionString'> = {}, cleanup: () => Promise<void> = async () => undefined) {
  const handle = {} as { pool: Pool; url: string };
  let drop: () => Promise<void> = async () => undefined;
  beforeAll(async () => {
    const database = await createTestDatabase(serverUrl);
    drop = database.drop;
    handle.url = database.url;
    handle.pool = new Pool({ ...config, connectionString: database.url });
  }, HOOK_TIMEOUT_MS);
  afterAll(async () => {
    await cleanup();
    await handle.pool.end();
    await drop();
  }, HOOK_TIMEOUT_MS);
  return handle;
}
